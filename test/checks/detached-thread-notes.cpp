// RUN: %check_threadlife %s threadlife-detached-thread %t -- -pthread

#include <pthread.h>
#include <thread>

void work(int &counter);
void *run(void *arg);

void explicitCapture() {
  int counter = 0;
  std::thread([&counter] { work(counter); }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:46: warning: the detached thread may outlive 'counter', which its lambda captures by reference
  // CHECK-NOTES: :[[@LINE-2]]:17: note: used by the thread here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: thread started here
}

void startedEarlier() {
  int counter = 0;
  std::thread t([&] { work(counter); });
  work(counter);
  t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'counter'
  // CHECK-NOTES: :[[@LINE-4]]:28: note: used by the thread here
  // CHECK-NOTES: :[[@LINE-5]]:15: note: thread started here
}
