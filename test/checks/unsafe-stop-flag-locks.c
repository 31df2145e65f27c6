// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c11 -pthread

// Locks as C code takes them: the return code checked or kept, the call
// cast to void, EnterCriticalSection-style calls, or a helper of the file
// that returns with the lock held. A flag read and written under the same
// mutex is no race; one read after the unlock is.

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stddef.h>

void work(void);

struct worker {
  pthread_mutex_t lock;
  bool stopping;
  bool paused;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'paused' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
  pthread_t thread;
};

static void lock_worker(struct worker *w) { pthread_mutex_lock(&w->lock); }
static void unlock_worker(struct worker *w) { pthread_mutex_unlock(&w->lock); }

static void *run(void *arg) {
  struct worker *w = arg;
  for (;;) {
    if (pthread_mutex_lock(&w->lock) != 0)
      abort();
    if (w->stopping) {
      pthread_mutex_unlock(&w->lock);
      break;
    }
    pthread_mutex_unlock(&w->lock);
    // Read after the unlock: not under the lock.
    if (w->paused)
      break;
    work();
  }
  return NULL;
}

void stop_checked(struct worker *w) {
  int rc = pthread_mutex_lock(&w->lock);
  w->stopping = true;
  if (rc == 0)
    pthread_mutex_unlock(&w->lock);
}

void stop_cast(struct worker *w) {
  (void)pthread_mutex_lock(&w->lock);
  w->stopping = true;
  (void)pthread_mutex_unlock(&w->lock);
}

void stop_helper(struct worker *w) {
  lock_worker(w);
  w->stopping = true;
  unlock_worker(w);
}

// Written under the lock, but read after the unlock: still a race.
void pause_worker(struct worker *w) {
  lock_worker(w);
  w->paused = true;
  unlock_worker(w);
}

void start(struct worker *w) { pthread_create(&w->thread, NULL, run, w); }
