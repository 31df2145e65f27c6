// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread

// A Poco::Thread runs the functor given to startFunc: a plain member it
// polls and stop() writes races.

#include <Poco/Thread.h>

void work();

class Poller {
public:
  void start() {
    thread_.startFunc([this] {
      while (!stop_)
        work();
    });
  }
  void stop() {
    stop_ = true;
    thread_.join();
  }

private:
  bool stop_ = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'stop_' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
  // CHECK-FIXES: {{^}}  std::atomic<bool> stop_{false};
  Poco::Thread thread_;
};
