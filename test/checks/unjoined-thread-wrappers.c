// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -std=c11 -pthread

// A project's own create function: one that passes its parameters on to a
// create as the handle, the start routine and its argument is a create
// with those roles, wrappers of wrappers too.

#include <pthread.h>
#include <threads.h>
#include <stddef.h>

void *run(void *arg);
int c11_run(void *arg);
int ready(void);

static int spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
  return pthread_create(t, NULL, fn, arg);
}

static int spawn_named(const char *name, pthread_t *t, void *(*fn)(void *)) {
  (void)name;
  return spawn(t, fn, NULL);
}

static int c11_spawn(thrd_t *t, thrd_start_t fn, void *arg) {
  return thrd_create(t, fn, arg);
}

int leaks(void) {
  pthread_t t;
  if (spawn(&t, run, NULL) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; pthread_join or pthread_detach it (or create it detached) [threadlife-unjoined-thread]
  if (!ready())
    return -2;
  pthread_join(t, NULL);
  return 0;
}

int leaks_named(void) {
  pthread_t t;
  if (spawn_named("worker", &t, run) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; pthread_join or pthread_detach it (or create it detached) [threadlife-unjoined-thread]
  if (!ready())
    return -2;
  pthread_join(t, NULL);
  return 0;
}

void c11_leaks(void) {
  thrd_t t;
  c11_spawn(&t, c11_run, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; thrd_join or thrd_detach it [threadlife-unjoined-thread]
}

void joined(void) {
  pthread_t t;
  if (spawn(&t, run, NULL) == 0)
    pthread_join(t, NULL);
}

// A wrapper that creates with attributes may create its threads detached:
// not followed, silent.
static int spawn_with(pthread_t *t, const pthread_attr_t *attr,
                      void *(*fn)(void *)) {
  return pthread_create(t, attr, fn, NULL);
}

void with_attributes(const pthread_attr_t *attr) {
  pthread_t t;
  spawn_with(&t, attr, run);
}

// A function that creates into its own local and detaches it is no create
// the caller owes anything for: silent.
static void spawn_detached(void *(*fn)(void *), void *arg) {
  pthread_t t;
  if (pthread_create(&t, NULL, fn, arg) == 0)
    pthread_detach(t);
}

void fire_and_forget(void) { spawn_detached(run, NULL); }
