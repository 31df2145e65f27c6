// RUN: %check_threadlife %s threadlife-forced-kill %t -- -pthread

// A thread that blocks SIGTERM and consumes it with sigwait() is asked to
// stop by pthread_kill(t, SIGTERM): not a kill. Other ending signals still are.

#include <pthread.h>
#include <signal.h>

void *signalWaiter(void *) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  int sig;
  sigwait(&set, &sig);
  return nullptr;
}

void start(pthread_t *waiter) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  pthread_create(waiter, nullptr, signalWaiter, nullptr);
}

void stop(pthread_t waiter) {
  pthread_kill(waiter, SIGTERM);
  pthread_join(waiter, nullptr);
}

void stopHard(pthread_t waiter) {
  pthread_kill(waiter, SIGINT);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGINT does not stop one thread
}
