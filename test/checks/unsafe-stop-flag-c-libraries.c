// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c11 -pthread

// The start routines of C11 and libuv threads are thread bodies like
// pthread_create's: a plain flag they poll and another thread writes races.

#include <threads.h>
#include <uv.h>
#include <stdbool.h>
#include <stddef.h>

void work(void);

static bool quit;
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: stop flag 'quit' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
// CHECK-FIXES: {{^}}static bool quit;

static int c11_body(void *arg) {
  while (!quit)
    work();
  return 0;
}

static volatile int done;
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: stop flag 'done' is polled by a thread's loop and written by another thread, but volatile makes neither the write visible in time nor the access free of a data race; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]

static void uv_body(void *arg) {
  while (!done)
    work();
}

// Read and written under the same mutex: silent.
static bool finished;
static uv_mutex_t lock;

static void uv_locked_body(void *arg) {
  for (;;) {
    uv_mutex_lock(&lock);
    bool stop = finished;
    uv_mutex_unlock(&lock);
    if (stop)
      break;
    work();
  }
}

// A thread started through a project's create function.
static bool leaving;
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: stop flag 'leaving' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]

static int wrapped_body(void *arg) {
  while (!leaving)
    work();
  return 0;
}

static int spawn(thrd_t *t, thrd_start_t fn, void *arg) {
  return thrd_create(t, fn, arg);
}

void run_wrapped(void) {
  thrd_t t;
  spawn(&t, wrapped_body, NULL);
  leaving = true;
  thrd_join(t, NULL);
}

void run(void) {
  thrd_t t;
  uv_thread_t u, v;
  thrd_create(&t, c11_body, NULL);
  uv_thread_create(&u, uv_body, NULL);
  uv_thread_create(&v, uv_locked_body, NULL);
  quit = true;
  done = 1;
  uv_mutex_lock(&lock);
  finished = true;
  uv_mutex_unlock(&lock);
  thrd_join(t, NULL);
  uv_thread_join(&u);
  uv_thread_join(&v);
}
