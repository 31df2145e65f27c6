// Provenance: ppy/osu-performance 2b799f982a284dbb4d9c2913f35fae4bb7262bbd - ~Active joined its worker only if !_isDone, but the worker sets _isDone itself when a task throws, so the destructor skipped the join and std::terminate ran
#include <atomic>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

// A queue whose pop blocks; its body lives elsewhere.
struct TaskQueue {
  void push(std::function<void()> task);
  std::function<void()> waitAndPop();
};

class Active {
public:
  static std::unique_ptr<Active> create() {
    std::unique_ptr<Active> active(new Active);
    active->thread_ = std::thread(&Active::run, active.get());
    return active;
  }
  ~Active() {
    if (!done_) {
      tasks_.push([this] { done_ = true; });
      if (thread_.joinable())
        thread_.join();
    }
  }
  void send(std::function<void()> task) { tasks_.push(std::move(task)); }

private:
  Active() : done_(false) {}
  void run() {
    try {
      while (!done_)
        tasks_.waitAndPop()();
    } catch (...) {
      error_ = std::current_exception();
      done_ = true; // the thread writes the flag the destructor tests
    }
  }
  TaskQueue tasks_;
  std::thread thread_; // expect: unjoined-thread
  std::atomic<bool> done_;
  std::exception_ptr error_;
};

class ActiveFixed {
public:
  static std::unique_ptr<ActiveFixed> create() {
    std::unique_ptr<ActiveFixed> active(new ActiveFixed);
    active->thread_ = std::thread(&ActiveFixed::run, active.get());
    return active;
  }
  ~ActiveFixed() {
    if (!done_)
      tasks_.push([this] { done_ = true; });
    if (thread_.joinable())
      thread_.join();
  }
  void send(std::function<void()> task) { tasks_.push(std::move(task)); }

private:
  ActiveFixed() : done_(false) {}
  void run() {
    try {
      while (!done_)
        tasks_.waitAndPop()();
    } catch (...) {
      error_ = std::current_exception();
      done_ = true;
    }
  }
  TaskQueue tasks_;
  std::thread thread_;
  std::atomic<bool> done_;
  std::exception_ptr error_;
};
