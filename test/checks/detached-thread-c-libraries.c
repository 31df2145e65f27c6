// RUN: %check_threadlife %s threadlife-detached-thread %t -- -std=c11 -pthread

// The argument a C11, libuv or SDL thread is created with is what it may
// outlive once detached: a pointer into the caller's frame.

#include <threads.h>
#include <uv.h>
#include <SDL.h>
#include <stdlib.h>

int work(void *arg);
void uv_work(void *arg);

void c11_local(void) {
  int value = 3;
  thrd_t t;
  if (thrd_create(&t, work, &value) == thrd_success)
    thrd_detach(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'value', which is passed to it by address: once the caller returns, the thread uses a dead stack frame; give it an argument it owns (allocated, and freed by the thread), or join the thread instead of detaching it [threadlife-detached-thread]
}

void uv_local(void) {
  char name[16] = "worker";
  uv_thread_t t;
  if (uv_thread_create(&t, uv_work, name) == 0)
    uv_thread_detach(&t);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'name', which is passed to it by address: once the caller returns, the thread uses a dead stack frame; give it an argument it owns (allocated, and freed by the thread), or join the thread instead of detaching it [threadlife-detached-thread]
}

void sdl_local(void) {
  int value = 3;
  SDL_Thread *t = SDL_CreateThread(work, "worker", &value);
  SDL_DetachThread(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the detached thread may outlive 'value', which is passed to it by address: once the caller returns, the thread uses a dead stack frame; give it an argument it owns (allocated, and freed by the thread), or join the thread instead of detaching it [threadlife-detached-thread]
}

// An argument the thread owns: silent.
void c11_owned(void) {
  int *value = malloc(sizeof *value);
  thrd_t t;
  if (thrd_create(&t, work, value) == thrd_success)
    thrd_detach(t);
}

// Through a project's create function, the argument it passes on.
static int spawn(thrd_t *t, thrd_start_t fn, void *arg) {
  return thrd_create(t, fn, arg);
}

void wrapped_local(void) {
  int value = 3;
  thrd_t t;
  if (spawn(&t, work, &value) == thrd_success)
    thrd_detach(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'value', which is passed to it by address: once the caller returns, the thread uses a dead stack frame; give it an argument it owns (allocated, and freed by the thread), or join the thread instead of detaching it [threadlife-detached-thread]
}
