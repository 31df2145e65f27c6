// Provenance: ScrollPrize/villa https://github.com/ScrollPrize/villa/pull/1688 (issue #1686) - utils::ThreadPool's jthread workers parked in std::condition_variable::wait with a predicate that tests st.stop_requested(); ~ThreadPool called request_stop() and notify_all() without holding the queue mutex, so a worker between its predicate check and its sleep missed the wakeup and ~vector<jthread> hung in join
// Flags: -std=c++20 -pthread
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <stop_token>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this](std::stop_token st) { worker_loop(st); });
  }
  ~ThreadPool() {
    for (auto &w : workers_)
      w.request_stop(); // not under mu_: a worker about to sleep misses it
    cv_.notify_all();
  }

private:
  void worker_loop(std::stop_token st) {
    while (!st.stop_requested()) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return st.stop_requested() || !tasks_.empty(); }); // expect: blocking-wait-ignores-stop
        if (tasks_.empty())
          continue;
        task = std::move(tasks_.front());
        tasks_.pop();
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> tasks_;
  std::vector<std::jthread> workers_;
};

// The fix: request the stop while holding the queue mutex, so it cannot fall
// between a worker's predicate check and its sleep.
class ThreadPoolFixed {
public:
  explicit ThreadPoolFixed(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this](std::stop_token st) { worker_loop(st); });
  }
  ~ThreadPoolFixed() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto &w : workers_)
        w.request_stop();
    }
    cv_.notify_all();
  }

private:
  void worker_loop(std::stop_token st) {
    while (!st.stop_requested()) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return st.stop_requested() || !tasks_.empty(); });
        if (tasks_.empty())
          continue;
        task = std::move(tasks_.front());
        tasks_.pop();
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::queue<std::function<void()>> tasks_;
  std::vector<std::jthread> workers_;
};
