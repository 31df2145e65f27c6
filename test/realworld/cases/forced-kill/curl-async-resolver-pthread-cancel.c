// Provenance: curl/curl https://github.com/curl/curl/pull/18540 ("RIP pthread_cancel", refs #18532) - curl 8.16.0 cancelled a still-running threaded-resolver thread with pthread_cancel; getaddrinfo() pulls in nsswitch/resolver code that installs no cleanup handlers, so users saw hangs and leaked memory and files. The fix drops the cancel and lets the thread finish, joining it when it is done
// Flags: -std=c11 -pthread -D_POSIX_C_SOURCE=200809L
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

struct addr_ctx {
  const char *hostname;
  struct addrinfo *res;
  atomic_bool done;
  pthread_t thread_hnd;
};

static void *getaddrinfo_thread(void *arg) {
  struct addr_ctx *ctx = arg;
  getaddrinfo(ctx->hostname, NULL, NULL, &ctx->res); /* a cancellation point, deep inside libc */
  atomic_store(&ctx->done, true);
  return NULL;
}

void async_thrdd_init(struct addr_ctx *ctx) {
  pthread_create(&ctx->thread_hnd, NULL, getaddrinfo_thread, ctx);
}

void async_thrdd_destroy(struct addr_ctx *ctx) {
  if (!atomic_load(&ctx->done))
    pthread_cancel(ctx->thread_hnd); // expect: forced-kill
  pthread_join(ctx->thread_hnd, NULL);
}

/* The fix: never cancel; join a finished thread, otherwise leave it to
   finish on its own (it owns its context from then on). */
static void *getaddrinfo_thread_fixed(void *arg) {
  struct addr_ctx *ctx = arg;
  getaddrinfo(ctx->hostname, NULL, NULL, &ctx->res);
  atomic_store(&ctx->done, true);
  return NULL;
}

void async_thrdd_init_fixed(struct addr_ctx *ctx) {
  pthread_create(&ctx->thread_hnd, NULL, getaddrinfo_thread_fixed, ctx);
}

void async_thrdd_destroy_fixed(struct addr_ctx *ctx) {
  if (atomic_load(&ctx->done))
    pthread_join(ctx->thread_hnd, NULL);
  else
    pthread_detach(ctx->thread_hnd);
}
