// RUN: %check_threadlife %s threadlife-detached-thread %t -- -std=c++20 -pthread

// Threads added to a container and detached in a loop over it: each
// detach lets a thread outlive what its callable reaches.

#include <stop_token>
#include <thread>
#include <vector>

void wait(bool &ready);
void use(int value);

// Positives.

void detachAll(int n) {
  bool ready = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&ready] { wait(ready); });
  for (auto &t : threads)
    t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the detached thread may outlive 'ready', which its lambda captures by reference: once the caller returns, the thread uses a dead stack frame; pass it by value, or join the thread instead of detaching it [threadlife-detached-thread]
}

void detachJoinable(int n) {
  bool ready = false;
  std::vector<std::jthread> threads;
  for (int i = 0; i < n; ++i)
    threads.push_back(std::jthread([&ready] { wait(ready); }));
  for (auto &t : threads)
    if (t.joinable())
      t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: the detached thread may outlive 'ready', which its lambda captures by reference: once the caller returns, the thread uses a dead stack frame; pass it by value, or join the thread instead of detaching it [threadlife-detached-thread]
}

// Negatives.

// The lambdas own what they use.
void detachOwned(int n) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([i] { use(i); });
  for (auto &t : threads)
    t.detach();
}

// Joined, not detached.
void joinAll(int n) {
  bool ready = false;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&ready] { wait(ready); });
  for (auto &t : threads)
    t.join();
}
