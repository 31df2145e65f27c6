// RUN: %check_threadlife %s threadlife-detached-thread %t -config='{CheckOptions: {ThreadTypes: "acme::Worker"}}' -- -std=c++17 -pthread

// The model's thread classes and a type from the global ThreadTypes option get
// this check as std::thread does.
#include <acme_worker.h>
#include <gsl/joining_thread>

void use(int &);

void detachedJoining() {
  int counter = 0;
  gsl::joining_thread t([&] { use(counter); });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'counter'
}

void detachedCustom() {
  int counter = 0;
  acme::Worker w([&] { use(counter); });
  w.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'counter'
}
