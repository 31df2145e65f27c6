// Provenance: Railway-CCS/rasta-protocol 955c1fadce8462630f5909b355caa85690d9deb5 (PR #3) - the receive/send/heartbeat threads set PTHREAD_CANCEL_ASYNCHRONOUS and sr_cleanup() pthread_cancel'ed them right after clearing their running flags; a thread cancelled while exiting held glibc's malloc arena lock and every other thread deadlocked in malloc. Fixed with deferred cancellation and pthread_join
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

void handle_heartbeats(void); /* sends due heartbeats, usleeps up to 500 ms */

struct heartbeat_handle {
  int running; // expect: unsafe-stop-flag
  /* (the project reaches it through an int *running into its handle) */
  pthread_t hb_thread;
};

static void *heartbeat_thread(void *handle) {
  struct heartbeat_handle *h = handle;
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL); // expect: forced-kill
  while (h->running)
    handle_heartbeats();
  return NULL;
}

void sr_start_heartbeats(struct heartbeat_handle *h) {
  h->running = 1;
  pthread_create(&h->hb_thread, NULL, heartbeat_thread, h);
}

void sr_cleanup(struct heartbeat_handle *h) {
  h->running = 0;
  pthread_cancel(h->hb_thread); // expect: forced-kill
}

/* How it should be: the loop ends on the (atomic) running flag and the
   cleanup joins; no cancellation at all. */
struct heartbeat_handle_fixed {
  atomic_int running;
  pthread_t hb_thread;
};

static void *heartbeat_thread_fixed(void *handle) {
  struct heartbeat_handle_fixed *h = handle;
  while (atomic_load(&h->running))
    handle_heartbeats();
  return NULL;
}

void sr_start_heartbeats_fixed(struct heartbeat_handle_fixed *h) {
  atomic_store(&h->running, 1);
  pthread_create(&h->hb_thread, NULL, heartbeat_thread_fixed, h);
}

void sr_cleanup_fixed(struct heartbeat_handle_fixed *h) {
  atomic_store(&h->running, 0);
  pthread_join(h->hb_thread, NULL);
}
