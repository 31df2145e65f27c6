// Provenance: microsoft/WSL https://github.com/microsoft/WSL/pull/14251 - IORelay::m_exit was a plain bool written by Stop() on any thread and read by Run()'s loop on the relay thread; made std::atomic<bool>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

struct Event {
  void set();
};
void addHandleToWait(int handle);
void runWaitUntilEvent(Event &refresh); // waits on every handle until the event fires

class IORelay {
public:
  IORelay() { thread_ = std::thread([this] { Run(); }); }
  ~IORelay() { Stop(); }
  void AddHandle(int h) {
    std::lock_guard<std::mutex> lock(pendingLock_);
    pending_.push_back(h);
    refresh_.set();
  }
  void Stop() {
    exit_ = true;
    refresh_.set();
    if (thread_.joinable())
      thread_.join();
  }

private:
  void Run() {
    while (!exit_) {
      {
        // The lock guards the pending list only, not the flag.
        std::lock_guard<std::mutex> lock(pendingLock_);
        for (int h : pending_)
          addHandleToWait(h);
        pending_.clear();
      }
      runWaitUntilEvent(refresh_);
    }
  }
  bool exit_ = false; // expect: unsafe-stop-flag
  std::mutex pendingLock_;
  std::vector<int> pending_;
  Event refresh_;
  std::thread thread_;
};

class IORelayFixed {
public:
  IORelayFixed() { thread_ = std::thread([this] { Run(); }); }
  ~IORelayFixed() { Stop(); }
  void AddHandle(int h) {
    std::lock_guard<std::mutex> lock(pendingLock_);
    pending_.push_back(h);
    refresh_.set();
  }
  void Stop() {
    exit_ = true;
    refresh_.set();
    if (thread_.joinable())
      thread_.join();
  }

private:
  void Run() {
    while (!exit_) {
      {
        std::lock_guard<std::mutex> lock(pendingLock_);
        for (int h : pending_)
          addHandleToWait(h);
        pending_.clear();
      }
      runWaitUntilEvent(refresh_);
    }
  }
  std::atomic<bool> exit_{false};
  std::mutex pendingLock_;
  std::vector<int> pending_;
  Event refresh_;
  std::thread thread_;
};
