// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -config='{CheckOptions: {ThreadTypes: "acme::Worker"}}' -- -std=c++17 -pthread

// Every thread class of the model starts threads for this check too, and so
// does a type named in the global ThreadTypes option (one setting for every
// check).
#include <acme_worker.h>
#include <gsl/joining_thread>

void work();

class Joining {
public:
  void start() { t_ = gsl::joining_thread([this] { run(); }); }
  void stop() { running_ = false; }

private:
  void run() {
    while (running_)
      work();
  }
  bool running_ = true;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'running_' is polled by a thread's loop and written by another thread without synchronization
  gsl::joining_thread t_;
};

class Custom {
public:
  void start() { t_ = acme::Worker([this] { run(); }); }
  void stop() {
    done_ = true;
    t_.join();
  }

private:
  void run() {
    while (!done_)
      work();
  }
  bool done_ = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'done_' is polled by a thread's loop and written by another thread without synchronization
  acme::Worker t_;
};
