// Provenance: Tlf/tlf https://github.com/Tlf/tlf/issues/422 - tlf_cleanup() pthread_cancel'ed background_task while it held tlf_rig_mutex around a Hamlib call (deferred cancel hits the next syscall), so close_tlf_rig() later blocked forever on the mutex; the issue asks for a shared stop variable the loop checks instead
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

void poll_rig(void);        /* a Hamlib call, does syscalls */
void update_band_map(void);

static pthread_mutex_t tlf_rig_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_t background_thread;

static void *background_task(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&tlf_rig_mutex);
    poll_rig();
    pthread_mutex_unlock(&tlf_rig_mutex);
    update_band_map();
  }
  return NULL;
}

void start_background(void) { pthread_create(&background_thread, NULL, background_task, NULL); }

void close_tlf_rig(void) {
  pthread_mutex_lock(&tlf_rig_mutex);
  pthread_mutex_unlock(&tlf_rig_mutex);
}

void tlf_cleanup(void) {
  pthread_cancel(background_thread); // expect: forced-kill
  pthread_join(background_thread, NULL);
  close_tlf_rig();
}

/* How it should be: a stop variable the loop checks between rounds. */
static pthread_t background_thread_fixed;
static atomic_bool stop_backgrnd_process;

static void *background_task_fixed(void *arg) {
  (void)arg;
  while (!atomic_load(&stop_backgrnd_process)) {
    pthread_mutex_lock(&tlf_rig_mutex);
    poll_rig();
    pthread_mutex_unlock(&tlf_rig_mutex);
    update_band_map();
  }
  return NULL;
}

void start_background_fixed(void) {
  pthread_create(&background_thread_fixed, NULL, background_task_fixed, NULL);
}

void tlf_cleanup_fixed(void) {
  atomic_store(&stop_backgrnd_process, 1);
  pthread_join(background_thread_fixed, NULL);
  close_tlf_rig();
}
