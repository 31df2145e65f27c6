/* A C probe that samples /proc in the background. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t probe_lock = PTHREAD_MUTEX_INITIALIZER;
static long probe_total;

static void *probe(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&probe_lock);
    ++probe_total;
    pthread_mutex_unlock(&probe_lock);
    sleep(1); /* a cancellation point, reached without a cleanup handler */
  }
  return NULL;
}

static pthread_t probe_thread;

void probe_start(void) { pthread_create(&probe_thread, NULL, probe, NULL); }

void probe_stop(void) {
  /* The probe installs no cleanup handler: if it is cancelled while it
     holds probe_lock, the lock stays held forever. */
  pthread_cancel(probe_thread);
  pthread_join(probe_thread, NULL);
}
