// Provenance: openlierox/openlierox https://github.com/openlierox/openlierox/pull/1090 (fixes #1088) - EventHandler SharedData::quitSignal was a plain bool written under the mutex by quit() but read without it by the worker threads' poll loop
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

int pollSocketOnce(int fd, int timeoutMs); // returns when the socket is ready or the timeout passes
void dispatchEvent(int fd);

// Shared, reference-counted state: the workers keep it alive after the owner
// has gone.
struct SharedData {
  std::mutex mutex;
  bool quitSignal = false; // expect: unsafe-stop-flag
  int fd = -1;
};

class EventHandler {
public:
  explicit EventHandler(int fd) : data_(std::make_shared<SharedData>()) {
    data_->fd = fd;
    std::shared_ptr<SharedData> data = data_;
    worker_ = std::thread([data] {
      while (!data->quitSignal) { // read without the mutex
        if (pollSocketOnce(data->fd, 100) > 0)
          dispatchEvent(data->fd);
      }
    });
  }
  void quit() {
    std::lock_guard<std::mutex> lock(data_->mutex); // written under it
    data_->quitSignal = true;
  }
  ~EventHandler() {
    quit();
    worker_.join();
  }

private:
  std::shared_ptr<SharedData> data_;
  std::thread worker_;
};

// The fix: quitSignal becomes std::atomic<bool>.
struct SharedDataFixed {
  std::mutex mutex;
  std::atomic<bool> quitSignal{false};
  int fd = -1;
};

class EventHandlerFixed {
public:
  explicit EventHandlerFixed(int fd) : data_(std::make_shared<SharedDataFixed>()) {
    data_->fd = fd;
    std::shared_ptr<SharedDataFixed> data = data_;
    worker_ = std::thread([data] {
      while (!data->quitSignal) {
        if (pollSocketOnce(data->fd, 100) > 0)
          dispatchEvent(data->fd);
      }
    });
  }
  void quit() {
    std::lock_guard<std::mutex> lock(data_->mutex);
    data_->quitSignal = true;
  }
  ~EventHandlerFixed() {
    quit();
    worker_.join();
  }

private:
  std::shared_ptr<SharedDataFixed> data_;
  std::thread worker_;
};
