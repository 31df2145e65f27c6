// Provenance: netdata/netdata https://github.com/netdata/netdata/pull/23844 (daemon/commands.c) - static int command_thread_shutdown was polled by the libuv command thread's while (command_thread_shutdown == 0) uv_run() loop and set by commands_exit() on another thread; the fix uses __atomic builtins on it
#include <uv.h>
#include <stddef.h>

typedef struct uv_loop_s uv_loop_t;
typedef struct uv_async_s uv_async_t;
int uv_run(uv_loop_t *loop, int mode);
int uv_async_send(uv_async_t *async);
#define UV_RUN_DEFAULT 0

static uv_thread_t thread;
static uv_loop_t *loop;
static uv_async_t *async;
static int command_thread_shutdown; // expect: unsafe-stop-flag

static void command_thread(void *arg) {
  (void)arg;
  command_thread_shutdown = 0; /* the thread's own reset, before it loops */
  while (command_thread_shutdown == 0)
    uv_run(loop, UV_RUN_DEFAULT);
}

void commands_init(void) { uv_thread_create(&thread, command_thread, NULL); }

void commands_exit(void) {
  command_thread_shutdown = 1;
  uv_async_send(async); /* wake the event loop so it re-reads the flag */
  uv_thread_join(&thread);
}

/* The fix: the repository's convention, __atomic builtins on a plain int. */
static uv_thread_t thread_fixed;
static int command_thread_shutdown_fixed;

static void command_thread_fixed(void *arg) {
  (void)arg;
  while (__atomic_load_n(&command_thread_shutdown_fixed, __ATOMIC_ACQUIRE) == 0)
    uv_run(loop, UV_RUN_DEFAULT);
}

void commands_init_fixed(void) {
  __atomic_store_n(&command_thread_shutdown_fixed, 0, __ATOMIC_RELEASE);
  uv_thread_create(&thread_fixed, command_thread_fixed, NULL);
}

void commands_exit_fixed(void) {
  __atomic_store_n(&command_thread_shutdown_fixed, 1, __ATOMIC_RELEASE);
  uv_async_send(async);
  uv_thread_join(&thread_fixed);
}
