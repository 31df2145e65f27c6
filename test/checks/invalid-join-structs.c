// RUN: %check_threadlife %s threadlife-invalid-join %t -- -pthread

// A struct reached through a local pointer, the C way: allocated zeroed,
// its thread created into a field, the pointer passed to helpers. The walk
// follows the fields from the allocation through the helpers it is given to.

#include <pthread.h>
#include <stdlib.h>

struct task {
  pthread_t tid;
  int running;
  struct task *next;
};

void *work(void *arg);
void use(struct task *t);
void keep(struct task **slot, struct task *t);

static void *detaching(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}

static void task_join(struct task *t) { pthread_join(t->tid, NULL); }

// Positives.

void joinTwice(void) {
  struct task *t = calloc(1, sizeof(*t));
  if (!t)
    return;
  pthread_create(&t->tid, NULL, work, t);
  pthread_join(t->tid, NULL);
  pthread_join(t->tid, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tid' may already be joined here: pthread_join on it is undefined behaviour (the ID may name another thread by now); join each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
  free(t);
}

// The start routine detaches its own thread (libzwaveip's connection
// handler), so the creator's join on a failed handshake is undefined.
struct task *joinSelfDetached(void) {
  struct task *t = calloc(1, sizeof(*t));
  if (!t)
    return NULL;
  if (pthread_create(&t->tid, NULL, detaching, t) != 0)
    goto error;
  if (t->running)
    return t;
  pthread_join(t->tid, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tid' may already be detached here: pthread_join on it is undefined behaviour (the ID may name another thread by now); join each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-6]]:7: note: the thread detaches itself: 'detaching' detaches the thread it runs on
error:
  free(t);
  return NULL;
}

// The helper's parameter names the same struct.
void joinInHelperThenAgain(void) {
  struct task *t = calloc(1, sizeof(*t));
  pthread_create(&t->tid, NULL, work, t);
  task_join(t);
  pthread_detach(t->tid);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tid' may already be joined here: pthread_detach on it is undefined behaviour (the ID may name another thread by now); detach each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :25:41: note: joined here
  free(t);
}

// Joined before any thread was created into the zeroed struct.
void joinNeverStarted(int early) {
  struct task *t = calloc(1, sizeof(*t));
  if (early) {
    pthread_join(t->tid, NULL);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'tid' may never have been started here: pthread_join on it is undefined behaviour (the ID may name another thread by now); join each thread exactly once [threadlife-invalid-join]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: declared here; no thread is created into it on this path
    free(t);
    return;
  }
  pthread_create(&t->tid, NULL, work, t);
  task_join(t);
  free(t);
}

// Negatives.

void joinOnce(void) {
  struct task *t = calloc(1, sizeof(*t));
  pthread_create(&t->tid, NULL, work, t);
  use(t);
  pthread_join(t->tid, NULL);
  free(t);
}

// A walk along a list names another struct at each step.
void joinList(struct task *head) {
  for (struct task *t = head; t; t = t->next)
    pthread_join(t->tid, NULL);
  for (struct task *t = head; t; t = t->next)
    pthread_join(t->tid, NULL);
}

// Stored where other code may join it.
void handedOver(struct task **slot) {
  struct task *t = calloc(1, sizeof(*t));
  pthread_create(&t->tid, NULL, work, t);
  keep(slot, t);
  pthread_join(t->tid, NULL);
}

// malloc'd memory may hold anything: nothing is known before the create.
void uninitialised(void) {
  struct task *t = malloc(sizeof(*t));
  pthread_join(t->tid, NULL);
  free(t);
}

// Reassigned: a new struct, with a thread of its own.
void reassigned(void) {
  struct task *t = calloc(1, sizeof(*t));
  pthread_create(&t->tid, NULL, work, t);
  pthread_join(t->tid, NULL);
  t = calloc(1, sizeof(*t));
  pthread_create(&t->tid, NULL, work, t);
  pthread_join(t->tid, NULL);
  free(t);
}
