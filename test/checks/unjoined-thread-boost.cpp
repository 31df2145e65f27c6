// RUN: %check_threadlife %s threadlife-unjoined-thread %t
// RUN: %check_threadlife --check-suffix=TERMINATE %s threadlife-unjoined-thread %t -- -DBOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_JOINABLE

// boost::thread's destructor detaches a joinable thread by default, and calls
// std::terminate when Boost is configured to (as std::thread does).

#include <boost/thread.hpp>

void work();
bool ready();

void earlyReturn() {
  boost::thread worker(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'worker' may be destroyed while its thread runs: the destructor detaches it, and it outlives its owner; join it on every path [threadlife-unjoined-thread]
  // CHECK-MESSAGES-TERMINATE: :[[@LINE-2]]:17: warning: 'worker' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  if (!ready())
    return;
  worker.join();
}

class Pump {
public:
  void start() { thread_ = boost::thread(work); }
  ~Pump() {}

private:
  boost::thread thread_;
  // CHECK-MESSAGES-TERMINATE: :[[@LINE-1]]:17: warning: 'thread_' may still be joinable when 'Pump' is destroyed, which calls std::terminate; join it in the destructor, or make it a std::jthread [threadlife-unjoined-thread]
};

// Negatives.

void joined() {
  boost::thread worker(work);
  worker.join();
}

void scoped() {
  boost::scoped_thread worker(work); // joins itself
  if (!ready())
    return;
}
