// Provenance: chenshuo/muduo fbd9c124f4934f3102ca5a92f314e28541e548b8 (issue #288) - AsyncLogging::running_ was a plain bool polled by the logging thread's loop and cleared by stop() from the caller's thread
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <pthread.h>

void writeOutBuffers();

// The project's own thread class: a std::function run by a static pthread
// trampoline.
class Thread {
public:
  explicit Thread(std::function<void()> fn) : fn_(std::move(fn)) {}
  void start() { pthread_create(&id_, nullptr, &Thread::trampoline, this); }
  void join() { pthread_join(id_, nullptr); }

private:
  static void *trampoline(void *self) {
    static_cast<Thread *>(self)->fn_();
    return nullptr;
  }
  std::function<void()> fn_;
  pthread_t id_{};
};

class AsyncLogging {
public:
  AsyncLogging() : thread_(std::bind(&AsyncLogging::threadFunc, this)) {}
  void start() {
    running_ = true;
    thread_.start();
  }
  void stop() {
    running_ = false; // from the thread that owns the logger
    cond_.notify_one();
    thread_.join();
  }

private:
  void threadFunc() {
    while (running_) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cond_.wait_for(lock, std::chrono::seconds(3));
      }
      writeOutBuffers();
    }
  }
  bool running_ = false; // expect: unsafe-stop-flag
  std::mutex mutex_;
  std::condition_variable cond_;
  Thread thread_;
};

// The fix: the shared boolean becomes std::atomic<bool>.
class AsyncLoggingFixed {
public:
  AsyncLoggingFixed() : thread_(std::bind(&AsyncLoggingFixed::threadFunc, this)) {}
  void start() {
    running_ = true;
    thread_.start();
  }
  void stop() {
    running_ = false;
    cond_.notify_one();
    thread_.join();
  }

private:
  void threadFunc() {
    while (running_) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cond_.wait_for(lock, std::chrono::seconds(3));
      }
      writeOutBuffers();
    }
  }
  std::atomic<bool> running_{false};
  std::mutex mutex_;
  std::condition_variable cond_;
  Thread thread_;
};
