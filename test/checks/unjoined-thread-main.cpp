// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -std=c++17 -pthread

// A pthread or Win32 thread that main() leaves unjoined when it returns
// leaks nothing: the process ends, and its threads with it (zeromq's perf
// tools return from main on every error). A std::thread does not get off:
// its destructor still calls std::terminate. Nor does an inner scope of
// main that loses a handle while the program goes on.
#include <pthread.h>
#include <stdlib.h>
#include <thread>

void *run(void *arg);
int ready(void);
void work();

void failsAndExits() {
  pthread_t worker;
  if (pthread_create(&worker, nullptr, run, nullptr) != 0)
    return;
  if (!ready())
    exit(1); // the process ends here too
  pthread_join(worker, nullptr);
}

int main(int argc, char **argv) {
  pthread_t worker;
  if (pthread_create(&worker, nullptr, run, nullptr) != 0)
    return 1;
  if (!ready())
    return 2;

  {
    pthread_t lost;
    pthread_create(&lost, nullptr, run, nullptr);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; pthread_join or pthread_detach it (or create it detached) [threadlife-unjoined-thread]
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: this path leaves the scope of 'lost' without pthread_join() or pthread_detach()

  std::thread helper(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'helper' may be destroyed while joinable, which calls std::terminate; join or detach it on every path [threadlife-unjoined-thread]
  if (argc > 2)
    return 3;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope without join() or detach()
  helper.join();
  pthread_join(worker, nullptr);
  return 0;
}
