// RUN: %check_threadlife %s threadlife-detached-thread %t -- -pthread

// Threads held through a unique owner or a raw pointer from new.

#include <memory>
#include <thread>

struct Io {
  void run();
  void stop();
};

// Positives.

class Backend {
public:
  Backend() {
    thread_ = std::make_unique<std::thread>([this] { io_.run(); });
  }
  ~Backend() {
    io_.stop();
    thread_->detach();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: the detached thread may outlive the object it reaches through 'this': nothing keeps the object alive while the thread runs; capture what it needs by value (or a shared_ptr), or join the thread instead of detaching it [threadlife-detached-thread]
    // CHECK-NOTES: :[[@LINE-6]]:46: note: used by the thread here
    // CHECK-NOTES: :[[@LINE-7]]:15: note: thread started here
  }

private:
  Io io_;
  std::unique_ptr<std::thread> thread_;
};

class Heartbeat {
public:
  void restart() {
    if (beat_ != nullptr) {
      beat_->detach();
      // CHECK-NOTES: :[[@LINE-1]]:14: warning: the detached thread may outlive the object it reaches through 'this': nothing keeps the object alive while the thread runs; capture what it needs by value (or a shared_ptr), or join the thread instead of detaching it [threadlife-detached-thread]
      delete beat_;
    }
    beat_ = new std::thread(&Heartbeat::beat, this);
    // CHECK-NOTES: :[[@LINE-1]]:47: note: used by the thread here
    // CHECK-NOTES: :[[@LINE-2]]:17: note: thread started here
  }

private:
  void beat();
  std::thread *beat_ = nullptr;
};

// Negatives.

void byValue(int n);
void detachedOwnState(int n) {
  auto t = std::make_unique<std::thread>(byValue, n);
  t->detach();
}

class Joins {
public:
  ~Joins() {
    if (thread_ && thread_->joinable())
      thread_->join();
  }
  void start() {
    thread_ = std::make_unique<std::thread>([this] { io_.run(); });
  }

private:
  Io io_;
  std::unique_ptr<std::thread> thread_;
};
