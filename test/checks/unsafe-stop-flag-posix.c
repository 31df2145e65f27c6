// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -pthread

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

void work(void);

static volatile int running = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: stop flag 'running' is polled by a thread's loop and written by another thread, but volatile makes neither the write visible in time nor the access free of a data race; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
// CHECK-FIXES: {{^}}static volatile int running = 1;

static void *loop(void *arg) {
  while (running)
    work();
  return arg;
}

// Negatives: C11 atomics, and a flag accessed with atomic builtins.
static atomic_bool quit;
static int stopped;
static void *loop2(void *arg) {
  while (!atomic_load(&quit) && !__sync_fetch_and_add(&stopped, 0))
    work();
  return arg;
}

int main(void) {
  pthread_t t, u;
  pthread_create(&t, NULL, loop, NULL);
  pthread_create(&u, NULL, loop2, NULL);
  running = 0;
  atomic_store(&quit, 1);
  __sync_lock_test_and_set(&stopped, 1);
  pthread_join(t, NULL);
  pthread_join(u, NULL);
  return 0;
}
