// Provenance: wiredtiger/wiredtiger https://github.com/wiredtiger/wiredtiger/pull/14292 (WT-18169) - test/format's g.checkpoint_quit, a volatile bool in the global state, was read by the checkpoint thread's loop and written by disagg_async_stepdown(): TSAN data race; fixed with relaxed atomic load/store builtins
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <unistd.h>

void take_checkpoint(void);

struct global {
  volatile bool checkpoint_quit; // expect: unsafe-stop-flag
  bool checkpoint_quit_fixed;
  int ops;
};
static struct global g;

static void *checkpoint(void *arg) {
  while (!g.checkpoint_quit) {
    take_checkpoint();
    sleep(1);
  }
  return arg;
}

static void disagg_async_stepdown(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, checkpoint, NULL);
  /* ... the step-down ... */
  g.checkpoint_quit = true;
  pthread_join(tid, NULL);
  g.checkpoint_quit = false; /* ready for the next leader */
}

/* The fix: relaxed atomic builtins at every access. */
static void *checkpoint_fixed(void *arg) {
  while (!__atomic_load_n(&g.checkpoint_quit_fixed, __ATOMIC_RELAXED)) {
    take_checkpoint();
    sleep(1);
  }
  return arg;
}

static void disagg_async_stepdown_fixed(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, checkpoint_fixed, NULL);
  __atomic_store_n(&g.checkpoint_quit_fixed, true, __ATOMIC_RELAXED);
  pthread_join(tid, NULL);
  __atomic_store_n(&g.checkpoint_quit_fixed, false, __ATOMIC_RELAXED);
}

void run_stepdowns(void) {
  disagg_async_stepdown();
  disagg_async_stepdown_fixed();
}
