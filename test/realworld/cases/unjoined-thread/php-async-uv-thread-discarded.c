// Provenance: true-async/php-async f4ebf8b2ad7e0e65f0812c855b2c7487b1a52554 (PR #174) - libuv_start_thread() kept the uv_thread_t in a local and returned without joining or detaching it, so every exited pool worker leaked its stack
#include <stdatomic.h>
#include <uv.h>

typedef struct {
  atomic_int ref_count;
  long key;
} thread_context;

long next_key(void);
void throw_error(const char *what, int code);
void thread_run(void *arg);

long start_thread(thread_context *context) {
  atomic_fetch_add(&context->ref_count, 1); /* the runner's reference */
  const long key = context->key = next_key();
  uv_thread_t handle;
  const int ret = uv_thread_create(&handle, thread_run, context); // expect: unjoined-thread
  if (ret != 0) {
    atomic_fetch_sub(&context->ref_count, 1);
    throw_error("Failed to create thread", ret);
    return 0;
  }
  /* context may already be freed by a fast worker: return the saved key */
  return key;
}

long start_thread_fixed(thread_context *context) {
  atomic_fetch_add(&context->ref_count, 1);
  const long key = context->key = next_key();
  uv_thread_t handle;
  const int ret = uv_thread_create(&handle, thread_run, context);
  if (ret != 0) {
    atomic_fetch_sub(&context->ref_count, 1);
    throw_error("Failed to create thread", ret);
    return 0;
  }
  /* nothing keeps the handle, so nothing could join it: detach */
  uv_thread_detach(&handle);
  return key;
}
