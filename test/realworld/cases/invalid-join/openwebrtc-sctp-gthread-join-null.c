// Provenance: EricssonResearch/openwebrtc-gst-plugins 703e0353e91f50f04e32b83f49fd935cc860f228 (PR #61) - gst_sctp_association_finalize() called g_thread_join(self->connection_thread) although the connection thread is only created by start(), which fails early or is never called: joining a NULL GThread (GLib critical)
#include <glib.h>
#include <stdlib.h>

typedef struct {
  int state; /* 0: ready */
  void *sock;
  GThread *connection_thread;
} SctpAssociation;

void *create_sctp_socket(SctpAssociation *self);
gpointer connection_thread_func(gpointer self);

SctpAssociation *association_new(void) {
  SctpAssociation *self = calloc(1, sizeof(*self));
  if (self)
    self->connection_thread = NULL;
  return self;
}

int association_start(SctpAssociation *self) {
  if (self->state != 0)
    return 0; /* wrong state: no thread */
  if ((self->sock = create_sctp_socket(self)) == NULL)
    return 0; /* no socket: no thread */
  self->connection_thread = g_thread_new("connection_thread", connection_thread_func, self);
  return 1;
}

void association_finalize(SctpAssociation *self) {
  g_thread_join(self->connection_thread); // expect: invalid-join
  free(self);
}

/* An association created and finalized without a successful start. */
void association_unused(void) {
  SctpAssociation *self = association_new();
  if (self)
    association_finalize(self);
}

void association_finalize_fixed(SctpAssociation *self) {
  if (self->connection_thread) {
    g_thread_join(self->connection_thread);
    self->connection_thread = NULL;
  }
  free(self);
}

void association_unused_fixed(void) {
  SctpAssociation *self = association_new();
  if (self)
    association_finalize_fixed(self);
}
