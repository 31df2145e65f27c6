// RUN: %check_threadlife %s threadlife-blocking-wait-ignores-stop %t -- -std=c++20 -pthread

// A wait whose predicate tests the stop is woken by the notification after
// the stop, but only if the stop is made holding the wait's mutex: otherwise
// it can fall between the predicate's test and the sleep.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

bool haveWork();
void work();

class Pool {
public:
  explicit Pool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this](std::stop_token st) { loop(st); });
  }
  ~Pool() {
    for (auto &w : workers_)
      w.request_stop();
    cv_.notify_all();
  }

private:
  void loop(std::stop_token st) {
    while (!st.stop_requested()) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return st.stop_requested() || haveWork(); });
      // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'std::condition_variable::wait' can miss the stop request: its predicate tests it, but it is requested without holding the mutex the wait releases, so a request between the test and the sleep is lost and the thread sleeps until the next notification; request the stop while holding that mutex [threadlife-blocking-wait-ignores-stop]
      // CHECK-NOTES: :[[@LINE-10]]:7: note: requested here without holding 'mu_'
      // CHECK-NOTES: :[[@LINE-5]]:13: note: the loop checks for a stop request here
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::jthread> workers_;
};

// Fine: the stop is requested holding the mutex.
class GuardedPool {
public:
  explicit GuardedPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this](std::stop_token st) { loop(st); });
  }
  ~GuardedPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto &w : workers_)
        w.request_stop();
    }
    cv_.notify_all();
  }

private:
  void loop(std::stop_token st) {
    while (!st.stop_requested()) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return st.stop_requested() || haveWork(); });
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::jthread> workers_;
};

// An atomic flag is no exception: the waiter may have tested it already.
class Worker {
public:
  void start() { t_ = std::thread(&Worker::run, this); }
  void stop() {
    stop_ = true;
    cv_.notify_all();
    t_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || haveWork(); });
      // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'std::condition_variable::wait' can miss the stop: its predicate tests the stop flag, but the flag is set without holding the mutex the wait releases, so a stop between the test and the sleep is lost and the thread sleeps until the next notification; set the flag while holding that mutex [threadlife-blocking-wait-ignores-stop]
      // CHECK-NOTES: :[[@LINE-11]]:5: note: set here without holding 'mu_'
      // CHECK-NOTES: :[[@LINE-5]]:13: note: the loop checks stop flag 'stop_' here
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  std::thread t_;
};

// Fine: the flag is set outside, but the mutex is taken before the
// notification, so the waiter is either before its test or asleep.
class FencedWorker {
public:
  void start() { t_ = std::thread(&FencedWorker::run, this); }
  void stop() {
    stop_ = true;
    { std::lock_guard<std::mutex> lock(mu_); }
    cv_.notify_all();
    t_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || haveWork(); });
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  std::thread t_;
};

// Fine: set under the mutex, notified after it.
class LockedWorker {
public:
  void start() { t_ = std::thread(&LockedWorker::run, this); }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    t_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || haveWork(); });
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  std::thread t_;
};

// Fine: a short timed wait loses at most its timeout.
class PollingWorker {
public:
  void start() { t_ = std::thread(&PollingWorker::run, this); }
  void stop() {
    stop_ = true;
    cv_.notify_all();
    t_.join();
  }

private:
  void run() {
    while (!stop_) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, 50ms, [this] { return stop_ || haveWork(); });
      work();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stop_{false};
  std::thread t_;
};
