// Provenance: modelica/DCPLib include/slave/dcp/logic/DcpManagerSlave.hpp (at 39e16f034ab0efd51afea5df295f5e83680c6e8c) - each state change detached the previous state thread, which still runs a member function on 'this', and the manager can be destroyed under it
#include <atomic>
#include <thread>

class SlaveManager {
public:
  ~SlaveManager() {
    if (heartbeat_ != nullptr && heartbeat_->joinable())
      heartbeat_->join();
    delete heartbeat_;
  }
  void startHeartbeat() {
    if (heartbeat_ != nullptr) {
      heartbeat_->detach(); // expect: detached-thread
      delete heartbeat_;
    }
    heartbeat_ = new std::thread(&SlaveManager::beat, this);
  }

private:
  void beat();
  std::thread *heartbeat_ = nullptr;
};

class SlaveManagerFixed {
public:
  ~SlaveManagerFixed() { stopHeartbeat(); }
  void startHeartbeat() {
    stopHeartbeat();
    stop_ = false;
    heartbeat_ = new std::thread(&SlaveManagerFixed::beat, this);
  }

private:
  void stopHeartbeat() {
    stop_ = true;
    if (heartbeat_ != nullptr && heartbeat_->joinable())
      heartbeat_->join();
    delete heartbeat_;
    heartbeat_ = nullptr;
  }
  void beat() {
    while (!stop_) {
    }
  }
  std::atomic<bool> stop_{false};
  std::thread *heartbeat_ = nullptr;
};
