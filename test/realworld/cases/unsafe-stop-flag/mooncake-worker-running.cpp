// Provenance: kvcache-ai/Mooncake https://github.com/kvcache-ai/Mooncake/pull/2352 - MooncakeWorker::running_ was a plain bool: the destructor cleared it while the worker thread's while (running_) loop read it
#include <atomic>
#include <thread>

bool pollTaskSlots(); // scans the task slots once, returns whether any was active

class MooncakeWorker {
public:
  void startWorker() {
    running_ = true;
    worker_thread_ = std::thread([this] {
      while (running_) {
        if (!pollTaskSlots())
          std::this_thread::yield();
      }
    });
  }
  ~MooncakeWorker() {
    running_ = false;
    if (worker_thread_.joinable())
      worker_thread_.join();
  }

private:
  std::atomic<bool> started_{false}; // the class already used atomics elsewhere
  bool running_ = false;             // expect: unsafe-stop-flag
  std::thread worker_thread_;
};

// The fix: running_ becomes std::atomic<bool>, like started_.
class MooncakeWorkerFixed {
public:
  void startWorker() {
    running_ = true;
    worker_thread_ = std::thread([this] {
      while (running_) {
        if (!pollTaskSlots())
          std::this_thread::yield();
      }
    });
  }
  ~MooncakeWorkerFixed() {
    running_ = false;
    if (worker_thread_.joinable())
      worker_thread_.join();
  }

private:
  std::atomic<bool> started_{false};
  std::atomic<bool> running_{false};
  std::thread worker_thread_;
};
