// RUN: %check_threadlife %s threadlife-forced-kill %t -- -pthread

// In C, deferred cancellation is a design when the cancelled thread's
// function installs cleanup handlers; without them it is a forced kill.

#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void unlock(void *m) { pthread_mutex_unlock((pthread_mutex_t *)m); }

static void *careful(void *arg) {
  pthread_mutex_lock(&lock);
  pthread_cleanup_push(unlock, &lock);
  for (;;)
    pthread_testcancel();
  pthread_cleanup_pop(1);
  return arg;
}

static void *careless(void *arg);

struct pool {
  pthread_t workers[4];
};

void stopCareful(void) {
  pthread_t t;
  pthread_create(&t, NULL, careful, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
}

void stopCareless(void) {
  pthread_t t;
  pthread_create(&t, NULL, careless, NULL);
  pthread_cancel(t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: pthread_cancel ends the thread at its next cancellation point; unless its function installs cleanup handlers, locks it holds stay held and what it allocated leaks; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: work that cannot stop itself can run in a child process, which is safe to kill: threadlife::run_in_process
  pthread_join(t, NULL);
}

static void *careless(void *arg) {
  // CHECK-NOTES: :[[@LINE-1]]:14: note: thread function 'careless' installs no cleanup handler (pthread_cleanup_push)
  pthread_mutex_lock(&lock);
  for (;;)
    pthread_testcancel();
  return arg;
}

void stopPool(struct pool *p) {
  for (int i = 0; i < 4; ++i)
    pthread_create(&p->workers[i], NULL, careful, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_cancel(p->workers[i]);
}

void stopUnknown(pthread_t t) {
  // The thread's function is not in this file: nothing says it cleans up.
  pthread_cancel(t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: pthread_cancel ends the thread at its next cancellation point
  // CHECK-NOTES: :[[@LINE-2]]:3: note: work that cannot stop itself can run in a child process, which is safe to kill: threadlife::run_in_process
}

void leave(void) {
  // In C there are no destructors to skip.
  pthread_exit(NULL);
}

void async(void) {
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: asynchronous cancellation can end the thread
}
