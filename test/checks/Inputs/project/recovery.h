// A class of a project header (included with quotes, not a system header):
// its public methods may be called from any file that includes it.
#pragma once
#include <memory>
#include <thread>

class Recovery {
public:
  void start() { thread_.reset(new std::thread([] {})); }
  void endRecovery() {
    if (thread_)
      thread_->join();
  }

private:
  std::unique_ptr<std::thread> thread_;
};

// The same class, whose thread nothing joins.
class Unrecovered {
public:
  void start() { thread_.reset(new std::thread([] {})); }

private:
  std::unique_ptr<std::thread> thread_;
};
