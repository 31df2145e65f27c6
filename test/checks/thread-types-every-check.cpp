// RUN: %check_threadlife --check-suffixes=ALL,TERMINATES %s 'threadlife-*' %t -- -std=c++20 -pthread -DTHREAD=std::thread
// RUN: %check_threadlife --check-suffixes=ALL,TERMINATES %s 'threadlife-*' %t -config='{CheckOptions: {ThreadTypes: "acme::Worker"}}' -- -std=c++20 -pthread -DTHREAD=acme::Worker
// RUN: %check_threadlife --check-suffixes=ALL %s 'threadlife-*' %t -- -std=c++20 -pthread -DTHREAD=gsl::joining_thread
// RUN: %check_threadlife --check-suffixes=ALL %s 'threadlife-*' %t -config='{CheckOptions: {SelfJoiningTypes: "acme::Worker"}}' -- -std=c++20 -pthread -DTHREAD=acme::Worker

// One table row is a thread class for every check: the same code with a
// std::thread, a gsl::joining_thread, and a project's own class named in
// ThreadTypes (or SelfJoiningTypes) gets the same findings from all seven
// checks, except where the class's destruction differs (a self-joining
// thread is not leaked). forced-kill needs native_handle(), which the two
// other classes do not have.
#include <acme_worker.h>
#include <chrono>
#include <condition_variable>
#include <gsl/joining_thread>
#include <mutex>
#include <thread>

bool stop_flag = false;
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:6: warning: stop flag 'stop_flag' is polled by a thread's loop and written by another thread without synchronization{{.*}} [threadlife-unsafe-stop-flag]

void racy() {
  THREAD t([] {
    while (!stop_flag) {
    }
  });
  stop_flag = true;
  t.join();
}

void leak(bool c) {
  THREAD t([] {});
  // CHECK-MESSAGES-TERMINATES: :[[@LINE-1]]:10: warning: 't' may be destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  if (c)
    return;
  t.join();
}

void twice() {
  THREAD t([] {});
  t.join();
  t.join();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:5: warning: 't' may already be joined here{{.*}} [threadlife-invalid-join]
}

void dangling() {
  int local = 0;
  THREAD t([&local] { local++; });
  t.detach();
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:5: warning: the detached thread may outlive 'local'{{.*}} [threadlife-detached-thread]
}

// A thread without a stop channel: a loop that never ends, or a wait that
// nothing ends, is not a stop the thread ignores (no finding for any class).
void forever() {
  THREAD t([] {
    for (;;)
      std::this_thread::sleep_for(std::chrono::seconds(1));
  });
  t.join();
}

std::mutex m;
std::condition_variable cv;

void blocked() {
  THREAD t([] {
    std::unique_lock<std::mutex> l(m);
    while (true)
      cv.wait(l);
  });
  t.join();
}
