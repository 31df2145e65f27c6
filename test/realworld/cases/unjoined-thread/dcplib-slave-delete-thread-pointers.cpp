// Provenance: modelica/DCPLib https://github.com/modelica/DCPLib/pull/78 - ~DcpManagerSlave() deleted its std::thread* members (configuring, running, heartbeat...) without joining them, so deleting a still-joinable thread called std::terminate
#include <atomic>
#include <cstdint>
#include <thread>

class SlaveManager {
public:
  ~SlaveManager() {
    delete configuring_; // expect: unjoined-thread
    delete running_;     // expect: unjoined-thread
  }
  // Each state is entered once in this reduction (the project detached the
  // previous state thread before starting a new one).
  void configure() {
    if (configuring_ == nullptr)
      configuring_ = new std::thread(&SlaveManager::doConfigure, this);
  }
  void run(int64_t start) {
    if (running_ == nullptr)
      running_ = new std::thread(&SlaveManager::doRun, this, start);
  }

private:
  void doConfigure();
  void doRun(int64_t start);
  std::thread *configuring_ = nullptr;
  std::thread *running_ = nullptr;
};

class SlaveManagerFixed {
public:
  ~SlaveManagerFixed() {
    stop_ = true;
    if (configuring_ != nullptr && configuring_->joinable())
      configuring_->join();
    delete configuring_;
    if (running_ != nullptr && running_->joinable())
      running_->join();
    delete running_;
  }
  void configure() {
    if (configuring_ == nullptr)
      configuring_ = new std::thread(&SlaveManagerFixed::doConfigure, this);
  }
  void run(int64_t start) {
    if (running_ == nullptr)
      running_ = new std::thread(&SlaveManagerFixed::doRun, this, start);
  }

private:
  void doConfigure();
  void doRun(int64_t start);
  std::atomic<bool> stop_{false};
  std::thread *configuring_ = nullptr;
  std::thread *running_ = nullptr;
};
