// Provenance: pupnp/pupnp 386b7ed79146ecf7a3bba49f48cb8f41a9b49170 (issue #102) - CreateWorker() created each pool worker with PTHREAD_CREATE_DETACHED and then called pthread_detach() on it again, undefined behaviour that crashed under musl 1.1.20+
#include <errno.h>
#include <pthread.h>

typedef struct {
  size_t stackSize;
  volatile int pendingWorkerThreadStart;
} ThreadPool;

static void *worker_thread(void *arg) {
  ThreadPool *tp = arg;
  tp->pendingWorkerThreadStart = 0;
  return NULL;
}

int create_worker(ThreadPool *tp) {
  pthread_t temp;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, tp->stackSize);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int rc = pthread_create(&temp, &attr, worker_thread, tp);
  pthread_attr_destroy(&attr);
  if (rc == 0) {
    rc = pthread_detach(temp); // expect: invalid-join
    /* "returns EINVAL if the thread was already detached" */
    if (rc == EINVAL)
      rc = 0;
    tp->pendingWorkerThreadStart = 1;
  }
  return rc;
}

int create_worker_fixed(ThreadPool *tp) {
  pthread_t temp;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, tp->stackSize);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int rc = pthread_create(&temp, &attr, worker_thread, tp);
  pthread_attr_destroy(&attr);
  if (rc == 0)
    tp->pendingWorkerThreadStart = 1;
  return rc;
}
