// RUN: %check_threadlife %s threadlife-invalid-join %t -config='{CheckOptions: {ThreadTypes: "acme::Worker"}}' -- -std=c++17 -pthread

// The model's thread classes and a type from the global ThreadTypes option get
// this check as std::thread does.
#include <acme_worker.h>
#include <gsl/joining_thread>

void work();

void joinedTwice() {
  gsl::joining_thread t(work);
  t.join();
  t.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't' may already be joined here
}

void customJoinedTwice() {
  acme::Worker w(work);
  w.join();
  w.join();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'w' may already be joined here
}
