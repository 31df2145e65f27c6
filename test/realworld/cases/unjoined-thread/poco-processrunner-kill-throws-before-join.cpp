// Provenance: pocoproject/poco 89183f09e1626e1707fd4b2fcbfe6e48cabb981c (issue #5393) - ProcessRunner::start() cleaned up a failed start with Process::kill(pid), which throws NotFoundException when the child is already gone, before reaching _t.join(); the constructor then threw, ~ProcessRunner() never ran, and the object was freed under the still-running monitor thread
#include <Poco/Thread.h>
#include <atomic>
#include <stdexcept>
#include <string>

void waitForStart(const std::string &pidFile); // throws on error or timeout
void terminateChild();
inline void killProcess(int pid) {
  if (pid > 0) // the child already exited: ESRCH
    throw std::runtime_error("Process not found");
}

class ProcessRunner : public Poco::Runnable {
public:
  ProcessRunner(const std::string &pidFile, bool startNow) : pidFile_(pidFile) {
    if (startNow)
      start();
  }
  ~ProcessRunner() { stop(); }
  void stop() {
    terminateChild();
    t_.join();
  }
  void start() {
    t_.start(*this);
    try {
      waitForStart(pidFile_);
    } catch (...) {
      int p = pid_.load();
      if (p != -1)
        killProcess(p);
      if (t_.isRunning())
        t_.join();
      throw;
    }
  }
  void run() override { pid_ = -1; ++runCount_; }

private:
  std::string pidFile_;
  std::atomic<int> pid_{-1};
  std::atomic<int> runCount_{0};
  Poco::Thread t_; // expect: unjoined-thread
};

class ProcessRunnerFixed : public Poco::Runnable {
public:
  ProcessRunnerFixed(const std::string &pidFile, bool startNow) : pidFile_(pidFile) {
    if (startNow)
      start();
  }
  ~ProcessRunnerFixed() { stop(); }
  void stop() {
    terminateChild();
    t_.join();
  }
  void start() {
    t_.start(*this);
    try {
      waitForStart(pidFile_);
    } catch (...) {
      int p = pid_.load();
      if (p != -1) {
        try {
          killProcess(p);
        } catch (...) {
        }
      }
      t_.join();
      throw;
    }
  }
  void run() override { pid_ = -1; ++runCount_; }

private:
  std::string pidFile_;
  std::atomic<int> pid_{-1};
  std::atomic<int> runCount_{0};
  Poco::Thread t_;
};
