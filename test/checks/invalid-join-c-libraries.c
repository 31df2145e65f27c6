// RUN: %check_threadlife %s threadlife-invalid-join %t -- -std=c11 -pthread

// Joining or detaching a C11 or libuv thread a second time is undefined
// behaviour, like pthread_join; g_thread_join and SDL_WaitThread free the
// thread, so a later use of the handle is a use after free.

#include <threads.h>
#include <uv.h>
#include <glib.h>
#include <SDL.h>
#include <stddef.h>

int work(void *arg);
void uv_work(void *arg);
gpointer g_work(gpointer data);

void c11_join_after_detach(void) {
  thrd_t t;
  thrd_create(&t, work, NULL);
  thrd_detach(t);
  thrd_join(t, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' may already be detached here: thrd_join on it is undefined behaviour (the ID may name another thread by now); join each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: detached here
}

void uv_join_twice(void) {
  uv_thread_t t;
  uv_thread_create(&t, uv_work, NULL);
  uv_thread_join(&t);
  uv_thread_join(&t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' may already be joined here: uv_thread_join on it is undefined behaviour (the ID may name another thread by now); join each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
}

void g_unref_after_join(void) {
  GThread *t = g_thread_new("worker", g_work, NULL);
  g_thread_join(t);
  g_thread_unref(t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' may already be joined here: g_thread_join frees the thread, so using the handle again is a use after free; join or detach each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
}

void sdl_wait_after_detach(void) {
  SDL_Thread *t = SDL_CreateThread(work, "worker", NULL);
  SDL_DetachThread(t);
  SDL_WaitThread(t, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' may already be detached here: SDL_DetachThread frees the thread, so using the handle again is a use after free; join or detach each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: detached here
}

// Each thread once: silent.
void each_once(void) {
  thrd_t a;
  uv_thread_t b;
  thrd_create(&a, work, NULL);
  uv_thread_create(&b, uv_work, NULL);
  thrd_join(a, NULL);
  uv_thread_join(&b);
  GThread *c = g_thread_new("worker", g_work, NULL);
  g_thread_join(c);
  c = g_thread_new("worker", g_work, NULL);
  g_thread_join(c);
}
