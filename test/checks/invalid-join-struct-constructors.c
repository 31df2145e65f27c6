// RUN: %check_threadlife %s threadlife-invalid-join %t -- -isystem %S/Inputs

// A struct made by a constructor function of the file (one that returns a
// zeroed allocation and starts no thread) holds no thread until a thread is
// created into it; joining a GThread that was never created joins NULL.

#include <glib.h>
#include <stdlib.h>

typedef struct {
  int state;
  GThread *worker;
} Session;

gpointer session_main(gpointer self);

Session *session_new(void) {
  Session *self = calloc(1, sizeof(*self));
  if (self)
    self->worker = NULL;
  return self;
}

int session_start(Session *self) {
  if (self->state != 0)
    return 0;
  self->worker = g_thread_new("session", session_main, self);
  return 1;
}

void session_free(Session *self) {
  g_thread_join(self->worker);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'worker' may never have been started here: g_thread_join on a null handle is an error; join only a thread that was created [threadlife-invalid-join]
  free(self);
}

void unused_session(void) {
  Session *self = session_new();
  if (self)
    session_free(self);
}

// Negatives.

void session_free_checked(Session *self) {
  if (self->worker)
    g_thread_join(self->worker);
  free(self);
}

void unused_session_checked(void) {
  Session *self = session_new();
  if (self)
    session_free_checked(self);
}

// Started first, and checked: session_start may fail.
void used_session(void) {
  Session *self = session_new();
  if (!self)
    return;
  session_start(self);
  session_free_checked(self);
}

// A constructor function that fills the struct from elsewhere: its fields
// are not known to be empty.
Session *session_adopt(Session *from);

void adopted_session(Session *from) {
  Session *self = session_adopt(from);
  if (self)
    session_free(self);
}

// A constructor function that starts the thread itself.
Session *session_spawn(void) {
  Session *self = calloc(1, sizeof(*self));
  if (self)
    self->worker = g_thread_new("session", session_main, self);
  return self;
}

void spawned_session(void) {
  Session *self = session_spawn();
  if (self)
    session_free(self);
}
