// Provenance: tpm2-software/tpm2-abrmd 43c599d655a6da637dd086c853d4d6d840704b9f (GH-627) - thread_join() called pthread_join(self->thread_id) even when thread_start() never ran (thread_id still 0), which the init error path does for every object it had created: pthread_join on a thread that was never started
#include <pthread.h>
#include <stdlib.h>

typedef struct {
  pthread_t thread_id; /* 0 until thread_start() */
} Thread;

void *thread_run(void *self);
int tcti_init(void);

int thread_start(Thread *self) {
  if (self->thread_id != 0)
    return -1;
  return pthread_create(&self->thread_id, NULL, thread_run, self);
}

int thread_join(Thread *self) {
  int ret = pthread_join(self->thread_id, NULL); // expect: invalid-join
  self->thread_id = 0;
  return ret;
}

typedef struct {
  Thread *command_source;
  Thread *response_sink;
} gmain_data_t;

static void gmain_data_cleanup(gmain_data_t *data) {
  if (data->command_source != NULL)
    thread_join(data->command_source);
  if (data->response_sink != NULL)
    thread_join(data->response_sink);
}

int init_thread_func(gmain_data_t *data) {
  data->command_source = calloc(1, sizeof(Thread));
  data->response_sink = calloc(1, sizeof(Thread));
  if (tcti_init() != 0)
    goto err_out; /* neither thread started */
  if (thread_start(data->command_source) != 0)
    goto err_out;
  if (thread_start(data->response_sink) != 0)
    goto err_out;
  return 0;
err_out:
  gmain_data_cleanup(data);
  return 1;
}

int thread_join_fixed(Thread *self) {
  if (self->thread_id == 0)
    return -1; /* thread not running */
  int ret = pthread_join(self->thread_id, NULL);
  self->thread_id = 0;
  return ret;
}

static void gmain_data_cleanup_fixed(gmain_data_t *data) {
  if (data->command_source != NULL)
    thread_join_fixed(data->command_source);
  if (data->response_sink != NULL)
    thread_join_fixed(data->response_sink);
}

int init_thread_func_fixed(gmain_data_t *data) {
  data->command_source = calloc(1, sizeof(Thread));
  data->response_sink = calloc(1, sizeof(Thread));
  if (tcti_init() != 0)
    goto err_out;
  if (thread_start(data->command_source) != 0)
    goto err_out;
  if (thread_start(data->response_sink) != 0)
    goto err_out;
  return 0;
err_out:
  gmain_data_cleanup_fixed(data);
  return 1;
}
