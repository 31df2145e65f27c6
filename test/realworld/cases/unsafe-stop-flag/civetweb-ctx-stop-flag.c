// Provenance: civetweb/civetweb https://github.com/civetweb/civetweb/issues/861 - struct mg_context's volatile stop_flag was polled by the master thread (handed ctx as void*) and set by mg_stop(), which then spun on it: TSAN reports the race, volatile is no synchronization
#include <pthread.h>
#include <stddef.h>
void mg_sleep(int ms);

int poll_listeners(int timeout_ms); /* poll() on the listening sockets */
void accept_one(void);

struct mg_context {
  volatile int stop_flag; // expect: unsafe-stop-flag
  pthread_t master;
};

static void *master_thread(void *param) {
  struct mg_context *ctx = (struct mg_context *)param;
  while (ctx->stop_flag == 0) {
    if (poll_listeners(200) > 0)
      accept_one();
  }
  ctx->stop_flag = 2; /* tell mg_stop() we are done */
  return NULL;
}

void mg_start(struct mg_context *ctx) {
  ctx->stop_flag = 0;
  pthread_create(&ctx->master, NULL, master_thread, ctx);
}

void mg_stop(struct mg_context *ctx) {
  ctx->stop_flag = 1;
  while (ctx->stop_flag != 2)
    mg_sleep(10);
  pthread_join(ctx->master, NULL);
}

/* The fix: every access to the flag goes through the compiler's atomic
   builtins (what the STOP_FLAG_* helpers do). */
struct mg_context_fixed {
  int stop_flag;
  pthread_t master;
};

static void *master_thread_fixed(void *param) {
  struct mg_context_fixed *ctx = (struct mg_context_fixed *)param;
  while (__atomic_load_n(&ctx->stop_flag, __ATOMIC_SEQ_CST) == 0) {
    if (poll_listeners(200) > 0)
      accept_one();
  }
  __atomic_store_n(&ctx->stop_flag, 2, __ATOMIC_SEQ_CST);
  return NULL;
}

void mg_start_fixed(struct mg_context_fixed *ctx) {
  __atomic_store_n(&ctx->stop_flag, 0, __ATOMIC_SEQ_CST);
  pthread_create(&ctx->master, NULL, master_thread_fixed, ctx);
}

void mg_stop_fixed(struct mg_context_fixed *ctx) {
  __atomic_store_n(&ctx->stop_flag, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&ctx->stop_flag, __ATOMIC_SEQ_CST) != 2)
    mg_sleep(10);
  pthread_join(ctx->master, NULL);
}
