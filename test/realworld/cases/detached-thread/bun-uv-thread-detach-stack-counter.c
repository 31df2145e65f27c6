// Provenance: oven-sh/bun https://github.com/oven-sh/bun/pull/29261 (review of test/napi/napi-app/uv_thread_addon.c) - the uv_thread_detach test passed &counter, a local of the module init function, to a thread it detached and then returned, so the thread wrote into a dead stack frame
#include <stdlib.h>
#include <uv.h>

static void thread_entry(void *arg) {
  int *counter = arg;
  *counter = 42;
}

int module_init(void) {
  uv_thread_t tid;
  int counter = 0;
  if (uv_thread_create(&tid, thread_entry, &counter) != 0)
    return -1;
  if (uv_thread_join(&tid) != 0 || counter != 42)
    return -1;

  counter = 0;
  if (uv_thread_create(&tid, thread_entry, &counter) != 0)
    return -1;
  if (uv_thread_detach(&tid) != 0) // expect: detached-thread
    return -1;
  return 0;
}

static void thread_entry_owned(void *arg) {
  int *counter = arg;
  *counter = 42;
  free(counter);
}

int module_init_fixed(void) {
  uv_thread_t tid;
  int counter = 0;
  if (uv_thread_create(&tid, thread_entry, &counter) != 0)
    return -1;
  if (uv_thread_join(&tid) != 0 || counter != 42)
    return -1;

  int *owned = calloc(1, sizeof(*owned));
  if (!owned)
    return -1;
  if (uv_thread_create(&tid, thread_entry_owned, owned) != 0) {
    free(owned);
    return -1;
  }
  if (uv_thread_detach(&tid) != 0)
    return -1;
  return 0;
}
