// RUN: %check_threadlife %s threadlife-loop-ignores-stop %t -- -pthread

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

bool pull(int fd);
void work();
void handle(int);
int next_job();

// A token in hand, never looked at.
void serve(std::stop_token st, int fd) {
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never checks the stop token 'st', so a stop request cannot end it and joining the thread waits forever; loop while (!st.stop_requested()) [threadlife-loop-ignores-stop]
    handle(fd);
  }
}

void start() {
  std::jthread worker([](std::stop_token st) {
    for (;;)
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this loop never ends and never checks the stop token 'st'
      work();
  });
}

// The token is checked, but only before the loop starts.
void checkedOnce(std::stop_token st) {
  if (st.stop_requested())
    return;
  do {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never checks the stop token 'st'
    work();
  } while (1);
}

// A condition that nothing changes is as good as true.
void stuck(std::stop_token st) {
  const bool forever = true;
  bool enabled = true;
  while (enabled) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never checks the stop token 'st'
    work();
  }
  (void)forever;
}

// A break in an inner loop or a switch does not leave the outer loop.
void innerBreaks(std::stop_token st, int fd) {
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never checks the stop token 'st'
    for (int i = 0; i < 3; ++i)
      if (i == fd)
        break;
    switch (fd) {
    case 0:
      break;
    }
  }
}

// Only the outer loop is reported: the inner one is part of the same problem.
void nested(std::stop_token st) {
  while (true) {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never checks the stop token 'st'
    for (;;)
      work();
  }
}

// A member function given to a jthread.
struct Pump {
  void loop(std::stop_token st) {
    while (true)
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this loop never ends and never checks the stop token 'st'
      work();
  }
  std::jthread thread{&Pump::loop, this};
};

//===--- Negatives: each is fine, and why --------------------------------===//

// The canonical loop.
void canonical(std::stop_token st) {
  while (!st.stop_requested())
    work();
}

// An exit that checks the token.
void exitInBody(std::stop_token st) {
  for (;;) {
    work();
    if (st.stop_requested())
      return;
  }
}

// Checked through a helper of this file that is given the token.
bool keep_going(const std::stop_token &st) { return !st.stop_requested(); }
bool keep_going_deeper(const std::stop_token &st) { return keep_going(st); }
void throughHelper(std::stop_token st) {
  while (true) {
    if (!keep_going_deeper(st))
      break;
    work();
  }
}

// Given to a function this file cannot see into: it is taken to check.
void consume(std::stop_token st, int job);
void opaque(std::stop_token st) {
  while (true)
    consume(st, next_job());
}

// A stop-aware wait: a stop request ends it.
std::mutex m;
std::condition_variable_any cv;
bool ready;
void stopAwareWait(std::stop_token st) {
  while (true) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, st, [] { return ready; });
    work();
  }
}

// A stop_callback wakes the thread's blocking call.
void closeOnStop(int fd);
void callback(std::stop_token st, int fd) {
  while (true) {
    std::stop_callback close(st, [fd] { closeOnStop(fd); });
    handle(fd);
  }
}

// Another real condition ends the loop: the descriptor closes.
void pulls(std::stop_token st, int fd) {
  while (pull(fd))
    work();
  (void)st;
}

// The same, written with a break.
void pullsWithBreak(std::stop_token st, int fd) {
  while (true) {
    if (!pull(fd))
      break;
    work();
  }
  (void)st;
}

// A loop that counts ends on its own.
void counts(std::stop_token st) {
  for (int i = 0; i < 10; ++i)
    work();
  (void)st;
}

// A local flag the loop itself clears.
void ownFlag(std::stop_token st) {
  bool more = true;
  while (more)
    more = pull(0);
  (void)st;
}

// An atomic flag another thread sets ends it (whether that flag is safe is
// threadlife-unsafe-stop-flag's question).
std::atomic<bool> quit;
void flagged(std::stop_token st) {
  while (!quit)
    work();
  (void)st;
}

// A function that does not return ends the loop.
[[noreturn]] void fatal();
void noReturn(std::stop_token st) {
  while (true) {
    if (pull(0))
      fatal();
  }
  (void)st;
}

// Not a thread body and no token: nothing asks it to stop.
void mainLoop() {
  while (true)
    work();
}

// A plain std::thread is not stoppable: threadlife-unjoined-thread and
// friends judge it.
void plainThread() {
  std::thread t([] {
    while (true)
      work();
  });
  t.detach();
}

// A loop in a lambda inside the body belongs to that lambda.
void innerLambda(std::stop_token st) {
  auto later = [] {
    while (true)
      work();
  };
  while (!st.stop_requested())
    later();
}

// Generic code is judged where it is instantiated.
template <class F> void generic(std::stop_token st, F f) {
  while (!st.stop_requested())
    f();
}
void useGeneric(std::stop_token st) { generic(st, work); }
