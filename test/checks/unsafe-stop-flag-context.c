// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c11 -pthread

// C threads get their state the C way: a struct pointer passed as the void *
// argument of the create call, cast back in the start routine. A plain field
// polled through it and written by the owner is a stop flag like a member
// read through `this`; so is a field of a global struct.

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

void work(void);

struct context {
  pthread_t thread;
  volatile int quit;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: stop flag 'quit' is polled by a thread's loop and written by another thread, but volatile makes neither the write visible in time nor the access free of a data race; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
};

static void *run(void *arg) {
  struct context *ctx = (struct context *)arg;
  while (!ctx->quit)
    work();
  return NULL;
}

void start(struct context *ctx) {
  ctx->quit = 0;
  pthread_create(&ctx->thread, NULL, run, ctx);
}

void stop(struct context *ctx) {
  ctx->quit = 1;
  pthread_join(ctx->thread, NULL);
}

// Cast at the point of use.
struct job {
  bool cancelled;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'cancelled' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
};

static void *run_job(void *arg) {
  while (!((struct job *)arg)->cancelled)
    work();
  return NULL;
}

void cancel_job(struct job *j) { j->cancelled = true; }

// A field of a global struct, and of the object a global pointer names.
static struct {
  bool exiting;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'exiting' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
} g;

struct shared {
  int done;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: stop flag 'done' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it an _Atomic type (atomic_bool) [threadlife-unsafe-stop-flag]
};
static struct shared *state;

static void *run_global(void *arg) {
  while (!g.exiting && !state->done)
    work();
  return arg;
}

void stop_global(void) {
  g.exiting = true;
  state->done = 1;
}

// Under the context's own mutex on both sides: silent.
struct locked {
  pthread_mutex_t lock;
  bool stopping;
};

static void *run_locked(void *arg) {
  struct locked *l = arg;
  for (;;) {
    pthread_mutex_lock(&l->lock);
    if (l->stopping) {
      pthread_mutex_unlock(&l->lock);
      break;
    }
    pthread_mutex_unlock(&l->lock);
    work();
  }
  return NULL;
}

void stop_locked(struct locked *l) {
  pthread_mutex_lock(&l->lock);
  l->stopping = true;
  pthread_mutex_unlock(&l->lock);
}

// A node the loop walks to is not the object the thread was given: silent.
struct node {
  struct node *next;
  bool last;
};

struct node *lookup(void);

static void *run_list(void *arg) {
  struct node *n = arg;
  while (!n->last)
    n = n->next;
  struct node *other = lookup();
  while (!other->last)
    work();
  return NULL;
}

void mark_last(struct node *n) { n->last = true; }

void start_all(struct job *j, struct locked *l, struct node *n) {
  pthread_t t[4];
  pthread_create(&t[0], NULL, run_job, j);
  pthread_create(&t[1], NULL, run_global, NULL);
  pthread_create(&t[2], NULL, run_locked, l);
  pthread_create(&t[3], NULL, run_list, n);
  for (int i = 0; i < 4; ++i)
    pthread_join(t[i], NULL);
}
