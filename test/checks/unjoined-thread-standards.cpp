// RUN: %check_threadlife --check-suffixes=CXX11 %s threadlife-unjoined-thread %t -- -std=c++11 -pthread
// RUN: %check_threadlife --real-std --check-suffixes=SHIM17 %s threadlife-unjoined-thread %t -- -std=c++17 -pthread -isystem %repo/shim/include -DUSE_SHIM
// RUN: %check_threadlife --check-suffixes=CXX20 %s threadlife-unjoined-thread %t -- -std=c++20 -pthread

// The advice names only what the file can use: no std::jthread before
// C++20, the runtime library's jthread where the file already uses it.
#ifdef USE_SHIM
#include <threadlife/jthread.hpp>
#endif
#include <thread>

void work();
bool ready();

void earlyReturn() {
  std::thread t(work);
  // CHECK-MESSAGES-CXX11: :[[@LINE-1]]:15: warning: 't' may be destroyed while joinable, which calls std::terminate; join or detach it on every path [threadlife-unjoined-thread]
  // CHECK-MESSAGES-SHIM17: :[[@LINE-2]]:15: warning: 't' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a threadlife::jthread [threadlife-unjoined-thread]
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:15: warning: 't' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  if (ready())
    return;
  t.join();
}

class Owner {
public:
  void start() { worker_ = std::thread(work); }

private:
  std::thread worker_;
  // CHECK-MESSAGES-CXX11: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Owner' is destroyed, which calls std::terminate; join it in the destructor [threadlife-unjoined-thread]
  // CHECK-MESSAGES-SHIM17: :[[@LINE-2]]:15: warning: 'worker_' may still be joinable when 'Owner' is destroyed, which calls std::terminate; join it in the destructor, or make it a threadlife::jthread [threadlife-unjoined-thread]
  // CHECK-MESSAGES-CXX20: :[[@LINE-3]]:15: warning: 'worker_' may still be joinable when 'Owner' is destroyed, which calls std::terminate; join it in the destructor, or make it a std::jthread [threadlife-unjoined-thread]
};
