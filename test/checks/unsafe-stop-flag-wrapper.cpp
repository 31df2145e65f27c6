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

// A wrapper that keeps the function its constructor is given in a
// std::function member and calls it from a static pthread trampoline: what
// the constructor was given is thread code.
#include <functional>
#include <pthread.h>

class PosixThread {
public:
  explicit PosixThread(std::function<void()> fn) : fn_(std::move(fn)) {}
  void start() { pthread_create(&id_, nullptr, &PosixThread::trampoline, this); }
  void join() { pthread_join(id_, nullptr); }

private:
  static void *trampoline(void *self) {
    static_cast<PosixThread *>(self)->fn_();
    return nullptr;
  }
  std::function<void()> fn_;
  pthread_t id_{};
};

class Logger {
public:
  Logger() : thread_(std::bind(&Logger::flushLoop, this)) {}
  void start() {
    running_ = true; // before the thread starts: not a race
    thread_.start();
  }
  void stop() {
    running_ = false;
    thread_.join();
  }

private:
  void flushLoop() {
    while (running_)
      work();
  }
  bool running_ = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'running_' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
  PosixThread thread_;
};

// Only written before the wrapper starts the thread, and by the thread
// itself: no other thread writes it.
class OneShot {
public:
  OneShot() : thread_([this] { drain(); }) {}
  void start() {
    pending_ = true;
    thread_.start();
  }
  void wait() { thread_.join(); }

private:
  void drain() {
    while (pending_)
      pending_ = step();
  }
  bool step();
  bool pending_ = false;
  PosixThread thread_;
};
