// Provenance: baresip/baresip 7037c8ed8d9d812980eadf9b040b8b7afe81513d (PR #2558) - alsa_play's struct auplay_st had a volatile bool run, polled by the C11 write thread and cleared by the destructor before thrd_join; made RE_ATOMIC (_Atomic) bool
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <threads.h>

long pcm_write_frames(void *pcm, const void *buf, long frames); /* blocks for one period */

struct auplay_st {
  thrd_t thread;
  volatile bool run; // expect: unsafe-stop-flag
  void *pcm;
  void *sampv;
};

static int write_thread(void *arg) {
  struct auplay_st *st = arg;
  while (st->run) {
    if (pcm_write_frames(st->pcm, st->sampv, 160) < 0 && st->run)
      continue; /* a write error is reported only while running */
  }
  return 0;
}

int auplay_alloc(struct auplay_st *st) {
  st->run = true;
  if (thrd_create(&st->thread, write_thread, st) != thrd_success) {
    st->run = false;
    return -1;
  }
  return 0;
}

void auplay_destructor(struct auplay_st *st) {
  if (st->run) {
    st->run = false;
    thrd_join(st->thread, NULL);
  }
}

/* The fix: an _Atomic bool. */
struct auplay_st_fixed {
  thrd_t thread;
  atomic_bool run;
  void *pcm;
  void *sampv;
};

static int write_thread_fixed(void *arg) {
  struct auplay_st_fixed *st = arg;
  while (atomic_load_explicit(&st->run, memory_order_relaxed)) {
    if (pcm_write_frames(st->pcm, st->sampv, 160) < 0)
      continue;
  }
  return 0;
}

int auplay_alloc_fixed(struct auplay_st_fixed *st) {
  atomic_store_explicit(&st->run, true, memory_order_relaxed);
  if (thrd_create(&st->thread, write_thread_fixed, st) != thrd_success) {
    atomic_store_explicit(&st->run, false, memory_order_relaxed);
    return -1;
  }
  return 0;
}

void auplay_destructor_fixed(struct auplay_st_fixed *st) {
  if (atomic_load_explicit(&st->run, memory_order_relaxed)) {
    atomic_store_explicit(&st->run, false, memory_order_relaxed);
    thrd_join(st->thread, NULL);
  }
}
