// RUN: %check_threadlife %s threadlife-loop-ignores-stop %t -- -pthread

#include <stop_token>
#include <thread>

void work();
void handle(int);

void noToken() {
  std::jthread worker([] {
    while (true)
      work();
  });
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and the thread's callable takes no stop token, so a stop request cannot end it; take a 'std::stop_token st' parameter and loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
  // CHECK-NOTES: :[[@LINE-5]]:25: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-5]]:12: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-7]]:16: note: the thread starts here; its destructor requests a stop and then waits for the loop, forever
  // CHECK-FIXES: {{^}}  std::jthread worker([](std::stop_token st) {
  // CHECK-FIXES-NEXT: {{^}}    while (!st.stop_requested())
}

void emptyParens() {
  std::jthread worker([]() {
    for (;;) {
      work();
    }
  });
  // CHECK-NOTES: :[[@LINE-4]]:5: warning: this loop never ends and the thread's callable takes no stop token
  // CHECK-NOTES: :[[@LINE-6]]:26: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-6]]:5: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-8]]:16: note: the thread starts here
  // CHECK-FIXES: {{^}}  std::jthread worker([](std::stop_token st) {
  // CHECK-FIXES-NEXT: {{^}}    while (!st.stop_requested()) {
}

void withArgument(int fd) {
  std::jthread worker([](int fd) {
    while (1)
      handle(fd);
  }, fd);
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and the thread's callable takes no stop token
  // CHECK-NOTES: :[[@LINE-5]]:26: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-5]]:12: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-7]]:16: note: the thread starts here
  // CHECK-FIXES: {{^}}  std::jthread worker([](std::stop_token st, int fd) {
  // CHECK-FIXES-NEXT: {{^}}    while (!st.stop_requested())
}

// A named function may be called elsewhere too: no fix-it.
void spin() {
  while (true)
    work();
}
// CHECK-NOTES: :[[@LINE-3]]:3: warning: this loop never ends and the thread's callable takes no stop token
void startSpin() {
  std::jthread worker(spin);
  // CHECK-NOTES: :[[@LINE-1]]:16: note: the thread starts here
  // CHECK-FIXES: {{^}}  std::jthread worker(spin);
}

// The body already names something `st`: no fix-it, which would shadow it.
void shadow(int st) {
  std::jthread worker([st] {
    while (true)
      handle(st);
  });
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and the thread's callable takes no stop token
  // CHECK-NOTES: :[[@LINE-5]]:16: note: the thread starts here
  // CHECK-FIXES: {{^}}  std::jthread worker([st] {
  // CHECK-FIXES-NEXT: {{^}}    while (true)
}

// An unused token is a note of the loop's warning: one problem, one warning.
void unusedWithLoop() {
  std::jthread worker([](std::stop_token token) {
    while (true)
      work();
  });
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and never checks the stop token 'token', so a stop request cannot end it and joining the thread waits forever; loop while (!token.stop_requested())
  // CHECK-NOTES: :[[@LINE-5]]:42: note: stop token 'token' is never used
}

// An unused token in a body whose loops end on their own.
void drain(std::stop_token st, int n) {
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: stop token 'st' is never used, so a stop request cannot end this body's loops early; check st.stop_requested() in the loop [threadlife-loop-ignores-stop]
  for (int i = 0; i < n; ++i)
    handle(i);
}

// An unnamed token is unused on purpose only when no loop needs it.
void unnamedTokenForeverLoop() {
  std::jthread worker([](std::stop_token) {
    while (true)
      work();
  });
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: this loop never ends and never checks its unnamed stop token, so a stop request cannot end it and joining the thread waits forever; name the token 'st' and loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
}

//===--- Negatives --------------------------------------------------------===//

// Unnamed or [[maybe_unused]]: unused on purpose.
void unnamed(std::stop_token, int n) {
  for (int i = 0; i < n; ++i)
    handle(i);
}
void maybe([[maybe_unused]] std::stop_token st, int n) {
  for (int i = 0; i < n; ++i)
    handle(i);
}

// No loop: the body finishes on its own, a stop request has nothing to cut.
void once(std::stop_token st) { work(); }

// The callable takes the token and checks it.
void good() {
  std::jthread worker([](std::stop_token st) {
    while (!st.stop_requested())
      work();
  });
}

// The jthread is given a lambda that returns: nothing to stop.
void shortTask() {
  std::jthread worker([] { work(); });
}
