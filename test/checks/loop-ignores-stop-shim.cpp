// RUN: %check_threadlife --real-std %s threadlife-loop-ignores-stop %t -- -std=c++17 -pthread -isystem %repo/shim/include

// The shim in C++17: its own stop_token, jthread and stop-aware waits.
#include <threadlife/io.hpp>
#include <threadlife/jthread.hpp>
#include <threadlife/wait.hpp>

#include <chrono>
#include <mutex>

void work();

void noToken() {
  threadlife::jthread worker([] {
    while (true)
      work();
  });
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and the thread's callable takes no stop token, so a stop request cannot end it; take a 'threadlife::stop_token st' parameter and loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
  // CHECK-NOTES: :[[@LINE-5]]:32: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-5]]:12: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-7]]:23: note: the thread starts here; its destructor requests a stop and then waits for the loop, forever
  // CHECK-FIXES: {{^}}  threadlife::jthread worker([](threadlife::stop_token st) {
  // CHECK-FIXES-NEXT: {{^}}    while (!st.stop_requested())
}

void ignores(threadlife::stop_token token) {
  for (;;)
    work();
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: this loop never ends and never checks the stop token 'token'
  // CHECK-NOTES: :[[@LINE-4]]:37: note: stop token 'token' is never used
}

//===--- Negatives: the shim's waits observe the stop request ---------------===//

void sleeps(threadlife::stop_token token) {
  // sleep_for(token, d) returns false at once when a stop is requested.
  for (;;) {
    threadlife::sleep_for(token, std::chrono::seconds(10));
    work();
  }
}

std::mutex m;
threadlife::condition_variable_any cv;
bool ready;
void waits(threadlife::stop_token token) {
  // A condition_variable_any wait given the token ends on a stop request.
  while (true) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, token, [] { return ready; });
    work();
  }
}

void reads(threadlife::stop_token token, int fd) {
  // wait_readable(fd, token) returns when a stop is requested.
  while (true) {
    threadlife::wait_readable(fd, token);
    work();
  }
}

void started() {
  threadlife::jthread a(sleeps);
  threadlife::jthread b([](threadlife::stop_token token) {
    while (!token.stop_requested())
      work();
  });
}
