// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -pthread

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

void work();
void quiet() noexcept;
// Throws on a text that is no port: the exception paths below are real.
int parse_port(const std::string &text) {
  if (text.empty())
    throw 22;
  return 80;
}
bool ready();

// Positives.

void earlyReturn(bool fail) {
  std::thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'worker' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-FIXES: std::jthread worker(work);
  if (fail)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope without join() or detach()
  // CHECK-NOTES: :[[@LINE-7]]:15: note: std::jthread requests stop and joins in its destructor: the thread must return for the scope to end
  worker.join();
}

void exceptionPath(const std::string &text) {
  std::thread indexer(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: if 'parse_port' throws, 'indexer' is destroyed while joinable and std::terminate is called; join it on the exception path too, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  int port = parse_port(text);
  // CHECK-NOTES: :[[@LINE-1]]:14: note: call that may throw
  // CHECK-NOTES: :[[@LINE-5]]:15: note: std::jthread requests stop and joins
  (void)port;
  indexer.join();
}

void ownThrow(bool bad) {
  std::thread t(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: if an exception is thrown here, 't' is destroyed while joinable and std::terminate is called; join it on the exception path too, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  if (bad)
    throw 42;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: exception thrown here
  // CHECK-NOTES: :[[@LINE-6]]:15: note: std::jthread requests stop
  t.join();
}

void breakOut(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(work);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: 't' may be destroyed while joinable
    // CHECK-NOTES: :[[@LINE-2]]:5: note: FIX-IT applied suggested code changes
    if (!ready())
      break;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: this path leaves the scope without join() or detach()
    // CHECK-NOTES: :[[@LINE-6]]:17: note: std::jthread requests stop
    t.join();
  }
}

void neverJoined() {
  std::thread t(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 't' may be destroyed while joinable
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE+3]]:1: note: this path leaves the scope without join() or detach()
  // CHECK-NOTES: :[[@LINE-4]]:15: note: std::jthread requests stop
  t.get_id();
}

void detachedSometimes(bool c) {
  std::thread t(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 't' may be destroyed while joinable
  // No fix: std::jthread would not change what the detach does.
  if (c) {
    t.detach();
    return;
  }
  if (ready())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope
  // CHECK-NOTES: :[[@LINE-10]]:15: note: std::jthread (or a join on this path) would join it
  t.join();
}

void restartInLoop(int n) {
  std::thread t;
  for (int i = 0; i < n; ++i)
    t = std::thread(work);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: assigning to 't' while it may still be joinable calls std::terminate; join it before starting another thread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:9: note: thread started here
  if (t.joinable())
    t.join();
}

void temporary() {
  std::thread{work};
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: this temporary thread is destroyed while joinable at the end of the statement, which calls std::terminate; keep it in a variable and join it, or make it a std::jthread [threadlife-unjoined-thread]
  (void)std::thread(work);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: this temporary thread is destroyed
}

void poolLeak(int n) {
  std::vector<std::thread> threads;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: threads in 'threads' may be destroyed while joinable, which calls std::terminate; join every thread on every path [threadlife-unjoined-thread]
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: thread added here
  if (n > 8)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope without joining them
  for (std::thread &t : threads)
    t.join();
}

void poolException(int n) {
  std::vector<std::thread> threads;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: if 'parse_port' throws, the threads in 'threads' are destroyed while joinable and std::terminate is called; join them on the exception path too [threadlife-unjoined-thread]
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: thread added here
  parse_port("8080");
  // CHECK-NOTES: :[[@LINE-1]]:3: note: call that may throw
  for (std::thread &t : threads)
    t.join();
}

std::thread Background(work);
// CHECK-NOTES: :[[@LINE-1]]:13: warning: 'Background' has static storage and nothing joins it: its destructor at exit calls std::terminate while the thread runs; join it before main returns, or use threadlife::daemon [threadlife-unjoined-thread]
// CHECK-NOTES: :[[@LINE-2]]:13: note: thread started here

// Negatives.

// Joined on every path.
void joined(bool c) {
  std::thread t(work);
  if (c) {
    t.join();
    return;
  }
  t.join();
}

// A joinable() guard: an empty thread needs no join.
void guardedByJoinable(bool c) {
  std::thread t;
  if (c)
    t = std::thread(work);
  if (t.joinable())
    t.join();
}

// The flag is set exactly when the thread starts.
void guardedByOwnFlag(bool c) {
  bool started = false;
  std::thread t;
  if (c) {
    t = std::thread(work);
    started = true;
  }
  if (started)
    t.join();
}

// Correlated conditions: the same unchanged condition both times.
void sameCondition(bool threaded) {
  std::thread t;
  if (threaded)
    t = std::thread(work);
  std::printf("working\n");
  if (threaded)
    t.join();
}

// Escapes: someone else joins.
std::vector<std::thread> Pool;
void keep(std::thread &t);
std::thread returned() {
  std::thread t(work);
  return t;
}
void movedIntoPool() {
  std::thread t(work);
  Pool.push_back(std::move(t));
}
void passedByReference() {
  std::thread t(work);
  keep(t);
}

// A scope guard joins it, even on exceptions.
struct JoinGuard {
  std::thread &t;
  ~JoinGuard() {
    if (t.joinable())
      t.join();
  }
};
template <class F> struct Finally {
  F f;
  ~Finally() { f(); }
};
template <class F> Finally<F> finally(F f) { return {f}; }
void guardObject() {
  std::thread t(work);
  JoinGuard g{t};
  parse_port("x");
  if (!ready())
    return;
}
void guardLambda() {
  std::thread t(work);
  auto join = finally([&] { t.join(); });
  parse_port("x");
}

// A try inside the thread's scope catches the exception: the join still runs.
void caught(const std::string &text) {
  std::thread t(work);
  try {
    parse_port(text);
  } catch (...) {
  }
  t.join();
}

// Calls that do not throw: noexcept, C functions, library calls that could
// only fail by running out of memory.
void noThrowCalls() {
  std::thread t(work);
  std::printf("started\n");
  quiet();
  std::mutex m;
  m.lock();
  m.unlock();
  std::string s = "x";
  t.join();
}

// A function that never throws, seen whole.
int parseDigit(char c) { return c - '0'; }
void visibleBody() {
  std::thread t(work);
  parseDigit('4');
  t.join();
}

// Detached, moved, swapped, self-joining, restarted after a join.
void detached() {
  std::thread t(work);
  t.detach();
}
void moved() {
  std::thread t(work);
  std::thread u = std::move(t);
  u.join();
}
void swapped() {
  std::thread t(work);
  std::thread u;
  u.swap(t);
  u.join();
}
void selfJoining(bool c) {
  std::jthread t(work);
  if (c)
    return;
}
void restartAfterJoin() {
  std::thread t(work);
  t.join();
  t = std::thread(work);
  t.join();
}

// exit() does not run destructors.
void exits(bool c) {
  std::thread t(work);
  if (c)
    std::exit(1);
  t.join();
}

// Containers joined by a loop, whichever way it indexes.
void arrayPool() {
  std::thread threads[4];
  for (std::thread &t : threads)
    t = std::thread(work);
  for (std::thread &t : threads)
    t.join();
}
void indexedPool(int n) {
  std::vector<std::thread> threads(n);
  for (int i = 0; i < n; ++i)
    threads[i] = std::thread(work);
  for (int i = 0; i < n; ++i)
    threads[i].join();
}

// A noexcept function: an exception ends the process before the thread does.
void noexceptFunction() noexcept {
  std::thread t(work);
  parse_port("1");
  t.join();
}

// A temporary that is joined or detached at once.
void temporaries() {
  std::thread(work).detach();
  std::thread{work}.join();
}

// Static threads that something joins.
std::thread Joined(work);
void shutdown() { Joined.join(); }
