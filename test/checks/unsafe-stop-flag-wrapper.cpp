// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17

// A thread wrapper class: its thread runs a trampoline that calls a virtual
// method, which subclasses override. The overrides are thread code: a plain
// flag of the base they poll, and Stop() writes, races.

#include <atomic>
#include <thread>

void work();

class IsThread {
public:
  virtual ~IsThread() { Stop(); }
  void Start() { thread_ = std::thread(&IsThread::Trampoline, this); }
  void Stop() {
    if (!thread_.joinable())
      return;
    terminate_ = true;
    thread_.join();
  }

protected:
  virtual void Execute() = 0;
  bool terminate_ = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'terminate_' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]

private:
  void Trampoline() { Execute(); }
  std::thread thread_;
};

class Authenticator : public IsThread {
protected:
  void Execute() override {
    while (!terminate_)
      work();
  }
};

// The same wrapper with an atomic flag: silent.
class SafeThread {
public:
  virtual ~SafeThread() { Stop(); }
  void Start() { thread_ = std::thread(&SafeThread::Trampoline, this); }
  void Stop() {
    if (!thread_.joinable())
      return;
    terminate_ = true;
    thread_.join();
  }

protected:
  virtual void Execute() = 0;
  std::atomic<bool> terminate_{false};

private:
  void Trampoline() { Execute(); }
  std::thread thread_;
};

class Resolver : public SafeThread {
protected:
  void Execute() override {
    while (!terminate_)
      work();
  }
};

void run() {
  Authenticator a;
  a.Start();
  Resolver r;
  r.Start();
}
