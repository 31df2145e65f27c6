// Provenance: chenshuo/muduo fbd9c124f4934f3102ca5a92f314e28541e548b8 - EventLoop::quit_ was a plain bool ("okay on x86, I guess") polled by loop() and set by quit() from other threads
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

void pollAndDispatch(int timeoutMs);
void wakeupFd();

class EventLoop {
public:
  void loop() {
    quit_ = false;
    while (!quit_)
      pollAndDispatch(10000);
  }
  // Called from any thread; wakes the poller so the loop sees the flag.
  void quit() {
    quit_ = true;
    wakeupFd();
  }

private:
  bool quit_ = false; // expect: unsafe-stop-flag
};

// The loop object lives on the I/O thread's stack; its owner quits it from
// outside.
class EventLoopThread {
public:
  EventLoop *startLoop() {
    thread_ = std::thread(&EventLoopThread::threadFunc, this);
    std::unique_lock<std::mutex> lock(mutex_);
    cond_.wait(lock, [this] { return loop_ != nullptr; });
    return loop_;
  }
  ~EventLoopThread() {
    if (loop_) {
      loop_->quit();
      thread_.join();
    }
  }

private:
  void threadFunc() {
    EventLoop loop;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      loop_ = &loop;
      cond_.notify_one();
    }
    loop.loop();
  }
  EventLoop *loop_ = nullptr;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::thread thread_;
};

// The fix: std::atomic<bool> quit_.
class EventLoopFixed {
public:
  void loop() {
    quit_ = false;
    while (!quit_)
      pollAndDispatch(10000);
  }
  void quit() {
    quit_ = true;
    wakeupFd();
  }

private:
  std::atomic<bool> quit_{false};
};

class EventLoopThreadFixed {
public:
  EventLoopFixed *startLoop() {
    thread_ = std::thread(&EventLoopThreadFixed::threadFunc, this);
    std::unique_lock<std::mutex> lock(mutex_);
    cond_.wait(lock, [this] { return loop_ != nullptr; });
    return loop_;
  }
  ~EventLoopThreadFixed() {
    if (loop_) {
      loop_->quit();
      thread_.join();
    }
  }

private:
  void threadFunc() {
    EventLoopFixed loop;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      loop_ = &loop;
      cond_.notify_one();
    }
    loop.loop();
  }
  EventLoopFixed *loop_ = nullptr;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::thread thread_;
};
