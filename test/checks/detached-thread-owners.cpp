// RUN: %check_threadlife %s threadlife-detached-thread %t -- -std=c++17

// A detached thread given a raw pointer into an object a smart pointer owns
// (owner.get()) holds no share of it: the owner frees it when reset or
// destroyed, the caller's at its return, a global's at exit. A functor that
// keeps a caller's local by reference outlives it the same way.

#include <atomic>
#include <memory>
#include <thread>

struct Wallet {
  bool locked() const;
};

std::shared_ptr<Wallet> wallet;
void mine(Wallet *w);
void mineShared(std::shared_ptr<Wallet> w);

void startMiner() {
  std::thread(mine, wallet.get()).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: the detached thread is given a raw pointer into the object 'wallet' owns: nothing keeps the object alive while the thread runs, and 'wallet' frees it when reset or destroyed; pass the smart pointer itself (a shared_ptr by value), or join the thread instead of detaching it [threadlife-detached-thread]
}

void startLocal() {
  auto job = std::make_unique<Wallet>();
  std::thread t(mine, job.get());
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread is given a raw pointer into the object 'job' owns: nothing keeps the object alive while the thread runs, and 'job' frees it when reset or destroyed; pass the smart pointer itself (a shared_ptr by value), or join the thread instead of detaching it [threadlife-detached-thread]
}

// The thread co-owns the object: silent.
void startMinerShared() { std::thread(mineShared, wallet).detach(); }

void doSomething(int value);

struct Counter {
  int &state;
  explicit Counter(int &s) : state(s) {}
  void operator()() { doSomething(state); }
};

struct Copying {
  int state;
  explicit Copying(int s) : state(s) {}
  void operator()() { doSomething(state); }
};

void oops() {
  int local = 0;
  Counter counter(local);
  std::thread t(counter);
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'local', which is kept by reference in the thread's callable: once the caller returns, the thread uses a dead stack frame; pass it by value, or join the thread instead of detaching it [threadlife-detached-thread]
}

// A functor that copies what it is given: silent.
void fine() {
  int local = 0;
  Copying copying(local);
  std::thread t(copying);
  t.detach();
}

// The caller waits, after the detach, until the threads have counted down a
// local they were given: their uses of the frame end before it does.
struct Worker {
  int &state;
  std::atomic<int> &left;
  Worker(int &s, std::atomic<int> &l) : state(s), left(l) {}
  void operator()() {
    doSomething(state);
    --left;
  }
};

void waitsForWorkers() {
  int shared = 0;
  std::atomic<int> left(2);
  std::thread(Worker(shared, left)).detach();
  std::thread(Worker(shared, left)).detach();
  while (left)
    std::this_thread::yield();
}

// A wait before the detach is no wait for the thread.
void waitsTooEarly() {
  int shared = 0;
  std::atomic<int> left(1);
  while (left > 1)
    std::this_thread::yield();
  std::thread(Worker(shared, left)).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: the detached thread may outlive 'shared', which is kept by reference in the thread's callable{{.*}}
}
