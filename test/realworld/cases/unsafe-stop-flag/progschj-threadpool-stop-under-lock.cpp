// Provenance: progschj/ThreadPool ThreadPool.h (see https://github.com/progschj/ThreadPool/pull/30, closed: the reporter agreed the predicate already covers stop) - bool stop is written under queue_mutex and read only in the condition variable's predicate and under the same lock: not a race (silent case)
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
            condition.wait(lock, [this] { return stop || !tasks.empty(); });
            if (stop && tasks.empty())
              return;
            task = std::move(tasks.front());
            tasks.pop();
          }
          task();
        }
      });
  }
  void enqueue(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> lock(queue_mutex);
      tasks.push(std::move(f));
    }
    condition.notify_one();
  }
  ~ThreadPool() {
    {
      std::unique_lock<std::mutex> lock(queue_mutex);
      stop = true;
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
  bool stop = false;
};
