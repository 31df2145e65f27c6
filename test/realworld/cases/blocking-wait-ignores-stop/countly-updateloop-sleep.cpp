// Provenance: Countly/countly-sdk-cpp https://github.com/Countly/countly-sdk-cpp/pull/149 - Countly::updateLoop checked stop_thread (under the SDK mutex) and then slept std::this_thread::sleep_for(wait_milliseconds) (30 s in production), so stop() and the singleton's destructor blocked in join for up to the whole interval; fixed with a condition_variable wait_for that _deleteThread() notifies
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

void processRequestQueue();

class Countly {
public:
  ~Countly() { stop(); }
  void start() {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_thread = false;
    thread_.reset(new std::thread(&Countly::updateLoop, this));
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_thread = true;
    }
    if (thread_ && thread_->joinable())
      thread_->join();
  }

private:
  void updateLoop() {
    while (true) {
      size_t last_wait_milliseconds;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stop_thread)
          break;
        last_wait_milliseconds = wait_milliseconds;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(last_wait_milliseconds)); // expect: blocking-wait-ignores-stop
      processRequestQueue();
    }
  }
  std::mutex mutex_;
  bool stop_thread = false;
  size_t wait_milliseconds = 30000;
  std::unique_ptr<std::thread> thread_;
};

// The fix: wait on a condition variable that stop() notifies, with the stop
// flag in the predicate.
class CountlyFixed {
public:
  ~CountlyFixed() { stop(); }
  void start() {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_thread = false;
    thread_.reset(new std::thread(&CountlyFixed::updateLoop, this));
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_thread = true;
    }
    stop_cv_.notify_one();
    if (thread_ && thread_->joinable())
      thread_->join();
  }

private:
  void updateLoop() {
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        if (stop_cv_.wait_for(lock, std::chrono::milliseconds(wait_milliseconds),
                              [this] { return stop_thread; }))
          break;
      }
      processRequestQueue();
    }
  }
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stop_thread = false;
  size_t wait_milliseconds = 30000;
  std::unique_ptr<std::thread> thread_;
};
