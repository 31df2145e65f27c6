// RUN: %check_threadlife --check-suffixes=DEFAULT %s threadlife-unjoined-thread %t -- -std=c++17 -pthread
// RUN: %check_threadlife --check-suffixes=DEFAULT,STRICT %s threadlife-unjoined-thread %t -config='{CheckOptions: {threadlife-unjoined-thread.ExceptionPathsFromAnyCall: true}}' -- -std=c++17 -pthread

// An exception path is reported where a throw is plausible: a throw the
// function or a callee in the translation unit reaches, a library call
// documented to throw. A call to a function whose body is not visible (a
// test framework's non-fatal check, a logger) and an allocation are not
// taken to throw unless ExceptionPathsFromAnyCall asks for the strict
// reading.
#include <string>
#include <thread>

void work();
void check_message(bool ok, const char *what); // out of line, never throws
void fail_if(bool bad) {
  if (bad)
    throw 1;
}

void opaqueCall(bool ok) {
  std::thread t(work);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:15: warning: if 'check_message' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  check_message(ok, "ready");
  t.join();
}

void allocation() {
  std::thread t(work);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:15: warning: if an exception is thrown here, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  int *buffer = new int[64];
  delete[] buffer;
  t.join();
}

void visibleThrow(bool bad) {
  std::thread t(work);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: warning: if 'fail_if' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  fail_if(bad);
  t.join();
}

void documentedToThrow(const std::string &text) {
  std::thread t(work);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: warning: if 'stoi' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  int n = std::stoi(text);
  (void)n;
  t.join();
}
