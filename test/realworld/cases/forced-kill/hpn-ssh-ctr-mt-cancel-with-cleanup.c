// Provenance: rapier1/hpn-ssh cipher-ctr-mt.c at 526b442389502828eabd48bb9de35a405175587f - stop_and_join_pregen_threads() pthread_cancel's the keystream threads, but thread_loop installs pthread_cleanup_push(thread_loop_cleanup, &q->lock) around its pthread_cond_wait, so a cancelled thread releases the queue lock: deferred cancellation as a design in C (silent case)
#include <pthread.h>
#include <stddef.h>

#define NTHREADS 2

struct kq {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int qstate;
};

struct ctr_ctx {
  struct kq q;
  pthread_t tid[NTHREADS];
};

void fill_queue(struct kq *q);

static void thread_loop_cleanup(void *x) { pthread_mutex_unlock((pthread_mutex_t *)x); }

static void *thread_loop(void *x) {
  struct ctr_ctx *c = x;
  for (;;) {
    pthread_testcancel(); /* no lock held here */
    pthread_mutex_lock(&c->q.lock);
    pthread_cleanup_push(thread_loop_cleanup, &c->q.lock);
    while (c->q.qstate != 0)
      pthread_cond_wait(&c->q.cond, &c->q.lock); /* cancellation point, lock covered */
    pthread_cleanup_pop(0);
    c->q.qstate = 1;
    pthread_mutex_unlock(&c->q.lock);
    fill_queue(&c->q);
  }
  return NULL;
}

void start_pregen_threads(struct ctr_ctx *c) {
  for (int i = 0; i < NTHREADS; i++)
    pthread_create(&c->tid[i], NULL, thread_loop, c);
}

void stop_and_join_pregen_threads(struct ctr_ctx *c) {
  for (int i = 0; i < NTHREADS; i++)
    pthread_cancel(c->tid[i]);
  pthread_mutex_lock(&c->q.lock);
  pthread_cond_broadcast(&c->q.cond);
  pthread_mutex_unlock(&c->q.lock);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(c->tid[i], NULL);
}
