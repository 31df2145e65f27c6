// Provenance: elf-audio/mzgl 423cb55b217e00875ca4023fc5d4191d55998bea (PR #101, lib/mzgl/util/ThreadPool.h) - stopped is a std::atomic<bool>, so there is no data race (silent case for this check); the real bug was a lost wakeup: stop() stored it and notify_all()'d without queue_mutex, between a worker's predicate check and its sleep. The fix stores it under the mutex
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(size_t threads) {
    for (size_t i = 0; i < threads; ++i)
      workers.emplace_back([this] {
        for (;;) {
          std::function<void()> task;
          {
            std::unique_lock<std::mutex> lock(queue_mutex);
            condition.wait(lock, [this] { return stopped.load() || !tasks.empty(); });
            if (stopped && tasks.empty())
              return;
            task = std::move(tasks.front());
            tasks.pop();
          }
          task();
        }
      });
  }
  ~ThreadPool() { stop(); }
  void stop() {
    if (stopped.load())
      return;
    stopped.store(true); // not under queue_mutex: the wakeup can be lost
    condition.notify_all();
    for (std::thread &worker : workers)
      worker.join();
  }

private:
  std::vector<std::thread> workers;
  std::queue<std::function<void()>> tasks;
  std::mutex queue_mutex;
  std::condition_variable condition;
  std::atomic<bool> stopped{false};
};

// The fix: the store happens under queue_mutex.
class ThreadPoolFixed {
public:
  explicit ThreadPoolFixed(size_t threads) {
    for (size_t i = 0; i < threads; ++i)
      workers.emplace_back([this] {
        for (;;) {
          std::function<void()> task;
          {
            std::unique_lock<std::mutex> lock(queue_mutex);
            condition.wait(lock, [this] { return stopped.load() || !tasks.empty(); });
            if (stopped && tasks.empty())
              return;
            task = std::move(tasks.front());
            tasks.pop();
          }
          task();
        }
      });
  }
  ~ThreadPoolFixed() { stop(); }
  void stop() {
    {
      std::unique_lock<std::mutex> lock(queue_mutex);
      if (stopped.load())
        return;
      stopped.store(true);
    }
    condition.notify_all();
    for (std::thread &worker : workers)
      worker.join();
  }

private:
  std::vector<std::thread> workers;
  std::queue<std::function<void()>> tasks;
  std::mutex queue_mutex;
  std::condition_variable condition;
  std::atomic<bool> stopped{false};
};
