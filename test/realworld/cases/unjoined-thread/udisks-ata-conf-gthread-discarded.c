// Provenance: storaged-project/udisks 6ff556afabd490feb6c4b29f9e91e81d64e2c0ed (PR #862) - udisks_linux_drive_ata_apply_configuration() started g_thread_new() and dropped the returned GThread*, which was never joined nor unreffed: one leaked GThread per configuration
#include <glib.h>
#include <stdlib.h>

typedef struct {
  int standby_timeout;
  int apm_level;
} ApplyConfData;

static gpointer apply_configuration_thread_func(gpointer user_data) {
  ApplyConfData *data = user_data;
  /* ... open the device, send ATA commands (may spin the drive up) ... */
  free(data);
  return NULL;
}

void apply_configuration(int standby, int apm) {
  ApplyConfData *data = calloc(1, sizeof(*data));
  if (!data)
    return;
  data->standby_timeout = standby;
  data->apm_level = apm;
  /* this can take a long time (the drive may need to spin up): use a thread */
  g_thread_new("apply-conf-thread", apply_configuration_thread_func, data); // expect: unjoined-thread
}

void apply_configuration_fixed(int standby, int apm) {
  ApplyConfData *data = calloc(1, sizeof(*data));
  if (!data)
    return;
  data->standby_timeout = standby;
  data->apm_level = apm;
  /* nobody waits for it: drop our reference so the thread frees itself */
  g_thread_unref(g_thread_new("apply-conf-thread", apply_configuration_thread_func, data));
}
