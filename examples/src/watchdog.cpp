#include "watchdog.h"

#include <csignal>
#include <pthread.h>

void restart_if_stuck(pthread_t worker, bool stuck) {
  if (!stuck)
    return;
  // Kills the worker wherever it is: it may hold the queue mutex.
  pthread_cancel(worker);
  pthread_join(worker, nullptr);
}

static void *signal_waiter(void *) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  sigwait(&set, &signal);
  return nullptr;
}

void stop_signal_waiter(pthread_t waiter) {
  // Fine: the waiter blocks SIGTERM and consumes it with sigwait().
  pthread_kill(waiter, SIGTERM);
  pthread_join(waiter, nullptr);
}

pthread_t start_signal_waiter() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  pthread_t waiter;
  pthread_create(&waiter, nullptr, signal_waiter, nullptr);
  return waiter;
}
