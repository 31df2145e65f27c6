// Provenance: baresip/baresip 5a84aeb9ad307e60a43ae239155b384fbf9289c0 (PR #2557) - the aufile source thread cleared st->run itself at end of file, and the destructor only called thrd_join() while run was set, so the finished thread was never joined and its stack leaked
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <threads.h>

struct ausrc_st {
  atomic_bool run;
  thrd_t thread;
  int frames_left;
};

static int src_thread(void *arg) {
  struct ausrc_st *st = arg;
  while (atomic_load(&st->run)) {
    if (--st->frames_left <= 0)
      atomic_store(&st->run, false); /* end of file: the thread stops itself */
  }
  return 0;
}

void src_destroy(struct ausrc_st *st) {
  if (atomic_load(&st->run)) {
    atomic_store(&st->run, false);
    thrd_join(st->thread, NULL);
  }
  free(st);
}

int src_alloc(struct ausrc_st **stp, int frames) {
  struct ausrc_st *st = calloc(1, sizeof(*st));
  if (!st)
    return -1;
  st->frames_left = frames;
  atomic_store(&st->run, true);
  if (thrd_create(&st->thread, src_thread, st) != thrd_success) { // expect: unjoined-thread
    free(st);
    return -1;
  }
  *stp = st;
  return 0;
}

struct ausrc_st_fixed {
  atomic_bool run;
  bool started;
  thrd_t thread;
  int frames_left;
};

static int src_thread_fixed(void *arg) {
  struct ausrc_st_fixed *st = arg;
  while (atomic_load(&st->run)) {
    if (--st->frames_left <= 0)
      break;
  }
  atomic_store(&st->run, false);
  return 0;
}

void src_destroy_fixed(struct ausrc_st_fixed *st) {
  if (st->started) {
    atomic_store(&st->run, false);
    thrd_join(st->thread, NULL);
  }
  free(st);
}

int src_alloc_fixed(struct ausrc_st_fixed **stp, int frames) {
  struct ausrc_st_fixed *st = calloc(1, sizeof(*st));
  if (!st)
    return -1;
  st->frames_left = frames;
  atomic_store(&st->run, true);
  if (thrd_create(&st->thread, src_thread_fixed, st) != thrd_success) {
    free(st);
    return -1;
  }
  st->started = true;
  *stp = st;
  return 0;
}
