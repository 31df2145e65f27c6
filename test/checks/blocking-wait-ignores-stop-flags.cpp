// RUN: %check_threadlife %s threadlife-blocking-wait-ignores-stop %t -- -pthread

// Loops that a stop flag decides: the flag's writers are what stops them.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <vector>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;

void work();

class Poller {
public:
  void start() { t_ = std::thread(&Poller::run, this); }
  void stop() {
    running_ = false;
    t_.join();
  }

private:
  void run() {
    while (running_) {
      work();
      std::this_thread::sleep_for(2s);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' sleeps 2000 ms and a stop request does not wake it, so stopping the thread takes as long; {{.*}} [threadlife-blocking-wait-ignores-stop]
      // CHECK-NOTES: :[[@LINE-4]]:12: note: the loop checks stop flag 'running_' here
      // CHECK-NOTES: :[[@LINE-11]]:5: note: the flag is set here, and nothing there wakes the call
    }
  }
  std::atomic<bool> running_{true};
  std::thread t_;
};

// A plain flag under the mutex, tested by an if that breaks out.
class Uploader {
public:
  void start() { t_ = std::thread(&Uploader::run, this); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    t_.join();
  }

private:
  void run() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_)
          break;
      }
      std::this_thread::sleep_for(std::chrono::seconds(30));
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' sleeps 30000 ms and a stop request does not wake it{{.*}}
      // CHECK-NOTES: :[[@LINE-5]]:13: note: the loop checks stop flag 'stop_' here
      // CHECK-NOTES: :[[@LINE-16]]:7: note: the flag is set here, and nothing there wakes the call
      work();
    }
  }
  std::mutex mu_;
  bool stop_ = false;
  std::thread t_;
};

// A wait without a predicate that the code setting the flag never notifies;
// notifying another condition variable does not help.
class Waiter {
public:
  void start() { t_ = std::thread(&Waiter::run, this); }
  void stop() {
    quit_.store(true);
    other_.notify_all();
    t_.join();
  }
  void kick() { cv_.notify_one(); }

private:
  void run() {
    while (!quit_.load()) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock);
      // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'std::condition_variable::wait' blocks until notified and a stop request does not wake it, so the stop waits for the next notification; {{.*}}
      // CHECK-NOTES: :[[@LINE-4]]:13: note: the loop checks stop flag 'quit_' here
      // CHECK-NOTES: :[[@LINE-13]]:5: note: the flag is set here, and nothing there wakes the call
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_, other_;
  std::atomic<bool> quit_{false};
  std::thread t_;
};

// The project's own queue: its pop waits for an item, and the code that
// sets the flag pushes none.
class Jobs {
public:
  int pop() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return !items_.empty(); });
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'std::condition_variable::wait' waits until the queue has an item and a stop request does not wake it{{.*}}
    // CHECK-NOTES: :[[@LINE+26]]:20: note: called from this loop through 'Jobs::pop'
    // CHECK-NOTES: :[[@LINE+24]]:12: note: the loop checks stop flag 'alive_' here
    // CHECK-NOTES: :[[@LINE+17]]:5: note: the flag is set here, and nothing there wakes the call
    int v = items_.back();
    items_.pop_back();
    return v;
  }
  void push(int v);

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<int> items_;
};

class Consumer {
public:
  void start() { t_ = std::thread(&Consumer::run, this); }
  void stop() {
    alive_ = false;
    t_.join();
  }

private:
  void run() {
    while (alive_)
      handle(jobs_.pop());
  }
  void handle(int);
  Jobs jobs_;
  std::atomic<bool> alive_{true};
  std::thread t_;
};

// Fine: the code that sets the flag notifies the condition variable.
class NotifiedWaiter {
public:
  void start() { t_ = std::thread(&NotifiedWaiter::run, this); }
  void stop() {
    quit_ = true;
    wake();
    t_.join();
  }

private:
  void wake() { cv_.notify_all(); }
  void run() {
    while (!quit_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock);
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> quit_{false};
  std::thread t_;
};

// Fine: the predicate reads the flag.
class PredicateWaiter {
public:
  void start() { t_ = std::thread(&PredicateWaiter::run, this); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    t_.join();
  }

private:
  void run() {
    while (!quit_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return quit_ || ready_; });
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  bool quit_ = false, ready_ = false;
  std::thread t_;
};

// Fine: the code that sets the flag pushes a last item, which wakes the pop.
class PillConsumer {
public:
  void start() { t_ = std::thread(&PillConsumer::run, this); }
  void stop() {
    alive_ = false;
    jobs_.push(0);
    t_.join();
  }

private:
  void run() {
    while (alive_)
      handle(jobs_.pop());
  }
  void handle(int);
  Jobs jobs_;
  std::atomic<bool> alive_{true};
  std::thread t_;
};

// Fine: short sleeps, and a flag only the thread itself writes (a counter of
// its own, not a stop).
class Ticker {
public:
  void start() { t_ = std::thread(&Ticker::run, this); }
  void stop() {
    running_ = false;
    t_.join();
  }

private:
  void run() {
    while (running_)
      std::this_thread::sleep_for(50ms);
    bool retry = true;
    while (retry) {
      retry = false;
      std::this_thread::sleep_for(1s);
    }
  }
  std::atomic<bool> running_{true};
  std::thread t_;
};

// Fine: a flag set only before the thread starts is no stop.
class Configured {
public:
  void start() {
    enabled_ = true;
    t_ = std::thread(&Configured::run, this);
  }
  ~Configured() { t_.join(); }

private:
  void run() {
    while (enabled_)
      std::this_thread::sleep_for(1s);
  }
  bool enabled_ = false;
  std::thread t_;
};

// The length is a private member that only its initializer sets; a local
// copy of it counts too.
class Interval {
public:
  void start() { t_ = std::thread(&Interval::run, this); }
  void stop() {
    running_ = false;
    t_.join();
  }

private:
  void run() {
    while (running_) {
      int ms = interval_ms_;
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::this_thread::sleep_for' sleeps 5000 ms and a stop request does not wake it{{.*}}
      // CHECK-NOTES: :[[@LINE-4]]:12: note: the loop checks stop flag 'running_' here
      // CHECK-NOTES: :[[@LINE-11]]:5: note: the flag is set here, and nothing there wakes the call
    }
  }
  std::atomic<bool> running_{true};
  int interval_ms_ = 5000;
  std::thread t_;
};

// Fine: a setter may make the length anything.
class SettableInterval {
public:
  void start() { t_ = std::thread(&SettableInterval::run, this); }
  void stop() {
    running_ = false;
    t_.join();
  }
  void setInterval(int ms) { interval_ms_ = ms; }

private:
  void run() {
    while (running_)
      std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms_));
  }
  std::atomic<bool> running_{true};
  int interval_ms_ = 5000;
  std::thread t_;
};
