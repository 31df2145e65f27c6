// RUN: %check_threadlife --real-std --check-suffixes=CXX17 %s threadlife-loop-ignores-stop %t -- -std=c++17 -pthread -isystem %repo/shim/include
// RUN: %check_threadlife --real-std --check-suffixes=CXX20 %s threadlife-loop-ignores-stop %t -- -std=c++20 -pthread -isystem %repo/shim/include

// A callable spawned into a thread_scope is told to take the token type that
// exists in its standard: the runtime library's before C++20.
#include <threadlife/scope.hpp>

void work();

void spawned() {
  threadlife::thread_scope scope;
  scope.spawn([] {
    while (true)
      work();
  });
  // CHECK-MESSAGES-CXX17: :[[@LINE-3]]:5: warning: this loop never ends and the thread's callable takes no stop token, so a stop request cannot end it; take a 'threadlife::stop_token st' parameter and loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
  // CHECK-MESSAGES-CXX20: :[[@LINE-4]]:5: warning: this loop never ends and the thread's callable takes no stop token, so a stop request cannot end it; take a 'std::stop_token st' parameter and loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
}
