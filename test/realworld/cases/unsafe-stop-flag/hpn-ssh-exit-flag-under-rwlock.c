// Provenance: rapier1/hpn-ssh 526b442389502828eabd48bb9de35a405175587f (PR #8) - cipher-ctr-mt added an exit_flag next to pthread_cancel because cancellation was unreliable on macOS; the flag is read and written only under the stop_lock rwlock, so it is not a race (silent case)
// Flags: -std=c11 -pthread -D_POSIX_C_SOURCE=200809L
#include <pthread.h>
#include <stddef.h>

#define NTHREADS 2

void fill_keystream_queue(void *ctx); /* blocks on the queue's condition variable */

struct ctr_ctx {
  pthread_t tid[NTHREADS];
  pthread_rwlock_t stop_lock;
  int exit_flag;
};

/* Read under the read lock, then leave if asked to. */
static void check_exit(struct ctr_ctx *c) {
  int exit_flag;
  pthread_rwlock_rdlock(&c->stop_lock);
  exit_flag = c->exit_flag;
  pthread_rwlock_unlock(&c->stop_lock);
  if (exit_flag)
    pthread_exit(NULL);
}

static void *thread_loop(void *x) {
  struct ctr_ctx *c = x;
  for (;;) {
    check_exit(c);
    fill_keystream_queue(c);
  }
  return NULL;
}

void start_pregen_threads(struct ctr_ctx *c) {
  pthread_rwlock_init(&c->stop_lock, NULL);
  c->exit_flag = 0; /* before any thread exists */
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&c->tid[i], NULL, thread_loop, c);
}

void stop_and_join_pregen_threads(struct ctr_ctx *c) {
  pthread_rwlock_wrlock(&c->stop_lock);
  c->exit_flag = 1;
  pthread_rwlock_unlock(&c->stop_lock);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(c->tid[i], NULL);
  c->exit_flag = 0; /* every thread has been joined: nobody reads it now */
}
