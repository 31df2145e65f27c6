// RUN: %check_threadlife %s threadlife-forced-kill %t -- -std=c11 -pthread

// A wake-up signal is a request only while its handler returns: a handler
// that calls pthread_exit or jumps out with siglongjmp ends the thread
// wherever the signal caught it, whatever the signal's number.

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>

static void on_quit(int sig) {
  (void)sig;
  pthread_exit(NULL);
}

static sigjmp_buf escape;
static void leave(void) { siglongjmp(escape, 1); }
static void on_abort(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)info;
  (void)context;
  leave();
}

static volatile sig_atomic_t woken;
static void on_wake(int sig) { woken = sig; }

void install(void) {
  signal(SIGUSR1, on_quit);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_abort;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, NULL);
  signal(SIGRTMIN + 1, on_wake);
}

void stop_worker(pthread_t worker) {
  pthread_kill(worker, SIGUSR1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: pthread_kill runs a handler that calls pthread_exit: the thread leaves whatever it was doing, with its locks held and no destructor run; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  // CHECK-NOTES: :[[@LINE-30]]:13: note: handler 'on_quit', installed for this signal in this file
  // CHECK-NOTES: :[[@LINE-29]]:3: note: the handler leaves here, never returning to the interrupted code
}

void abort_worker(pthread_t worker) {
  pthread_kill(worker, SIGUSR2);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: pthread_kill runs a handler that calls siglongjmp: the thread leaves whatever it was doing, with its locks held and no destructor run; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  // CHECK-NOTES: :[[@LINE-30]]:13: note: handler 'on_abort', installed for this signal in this file
  // CHECK-NOTES: :[[@LINE-32]]:27: note: the handler leaves here, never returning to the interrupted code
}

// A handler that only records the signal and returns: a wake-up, silent.
void wake_worker(pthread_t worker) { pthread_kill(worker, SIGRTMIN + 1); }
