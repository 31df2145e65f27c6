// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -std=c11 -pthread

// The C thread libraries beyond POSIX and Win32: C11 <threads.h>, libuv,
// GLib and SDL. A thread that is neither joined nor detached keeps its
// resources until the process ends. A failed create (checked against
// thrd_success, zero or null) leaves nothing to join.

#include <threads.h>
#include <uv.h>
#include <glib.h>
#include <SDL.h>
#include <stdio.h>
#include <stddef.h>

int work(void *arg);
void uv_work(void *arg);
gpointer g_work(gpointer data);
int ready(void);

int c11_early_return(void) {
  thrd_t t;
  if (thrd_create(&t, work, NULL) != thrd_success)
    return -1;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; thrd_join or thrd_detach it [threadlife-unjoined-thread]
  if (!ready())
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 't' without thrd_join() or thrd_detach()
  thrd_join(t, NULL);
  return 0;
}

void c11_detached(void) {
  thrd_t t;
  if (thrd_create(&t, work, NULL) != thrd_success)
    return;
  thrd_detach(t);
}

int uv_early_return(void) {
  uv_thread_t t;
  if (uv_thread_create(&t, uv_work, NULL))
    return -1;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; uv_thread_join or uv_thread_detach it [threadlife-unjoined-thread]
  if (!ready())
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 't' without uv_thread_join() or uv_thread_detach()
  uv_thread_join(&t);
  return 0;
}

void uv_joined(void) {
  uv_thread_t t;
  if (uv_thread_create(&t, uv_work, NULL) != 0)
    return;
  uv_thread_join(&t);
}

void g_early_return(void) {
  GThread *t = g_thread_new("worker", g_work, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; g_thread_join or g_thread_unref it [threadlife-unjoined-thread]
  if (!ready())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 't' without g_thread_join() or g_thread_unref()
  g_thread_join(t);
}

void g_unreffed(void) {
  GThread *t = g_thread_new("worker", g_work, NULL);
  g_thread_unref(t);
}

void sdl_early_return(void) {
  SDL_Thread *t = SDL_CreateThread(work, "worker", NULL);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; SDL_WaitThread or SDL_DetachThread it [threadlife-unjoined-thread]
  if (!t)
    return;
  if (!ready())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 't' without SDL_WaitThread() or SDL_DetachThread()
  SDL_WaitThread(t, NULL);
}

void sdl_detached(void) {
  SDL_Thread *t = SDL_CreateThread(work, "worker", NULL);
  if (t == NULL) // C's NULL, ((void *)0): the creation failed
    return;
  SDL_DetachThread(t);
}

// A helper given the handle by value that only looks at it leaves it as it
// was: the caller still owes the join, and gives it.
static void log_thread(thrd_t t) { printf("started %lu\n", (unsigned long)t); }

void c11_logged(void) {
  thrd_t t;
  if (thrd_create(&t, work, NULL) != thrd_success)
    return;
  log_thread(t);
  thrd_join(t, NULL);
}

// A helper that joins what it is given by value ends the thread: nothing is
// owed after it.
static void join_thread(thrd_t t) { thrd_join(t, NULL); }

void c11_joined_by_helper(void) {
  thrd_t t;
  if (thrd_create(&t, work, NULL) != thrd_success)
    return;
  join_thread(t);
}

// Still owed when the only helper just looks.
void c11_logged_only(void) {
  thrd_t t;
  if (thrd_create(&t, work, NULL) != thrd_success)
    return;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; thrd_join or thrd_detach it [threadlife-unjoined-thread]
  log_thread(t);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: this path leaves the scope of 't' without thrd_join() or thrd_detach()

// A loop that joins every element through its address, inside an assertion
// (libuv's tests): the array's threads are all joined.
#define CHECK(x)                                                               \
  do {                                                                         \
    if (!(x))                                                                  \
      abort();                                                                 \
  } while (0)
void abort(void);

int uv_join_all(void) {
  uv_thread_t threads[4];
  for (unsigned i = 0; i < 4; ++i)
    CHECK(0 == uv_thread_create(&threads[i], uv_work, NULL));
  for (unsigned i = 0; i < 4; ++i)
    CHECK(0 == uv_thread_join(&threads[i]));
  return 0;
}
