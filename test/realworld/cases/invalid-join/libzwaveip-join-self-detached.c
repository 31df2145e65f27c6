// Provenance: Z-WavePublic/libzwaveip libzwaveip/libzwaveip.c (issue #21) - connection_handle() calls pthread_detach(pthread_self()), yet zclient_start() pthread_join()s the same thread when the handshake fails (and zclient_stop's join "mysteriously" failed): joining a detached thread
#include <pthread.h>
#include <stdlib.h>

struct pass_info {
  pthread_t tid;
  pthread_mutex_t handshake_mutex;
  pthread_cond_t handshake_cond;
  int is_running;
};

int do_handshake(struct pass_info *info);
void serve(struct pass_info *info);

static void *connection_handle(void *arg) {
  struct pass_info *info = arg;
  pthread_detach(pthread_self());
  pthread_mutex_lock(&info->handshake_mutex);
  info->is_running = do_handshake(info);
  pthread_cond_signal(&info->handshake_cond);
  pthread_mutex_unlock(&info->handshake_mutex);
  if (info->is_running)
    serve(info);
  return NULL;
}

struct pass_info *zclient_start(void) {
  struct pass_info *info = calloc(1, sizeof(*info));
  if (!info)
    return NULL;
  pthread_mutex_init(&info->handshake_mutex, 0);
  pthread_cond_init(&info->handshake_cond, 0);
  if (pthread_create(&info->tid, NULL, connection_handle, info) != 0)
    goto error;
  pthread_mutex_lock(&info->handshake_mutex);
  if (info->is_running == 0)
    pthread_cond_wait(&info->handshake_cond, &info->handshake_mutex);
  pthread_mutex_unlock(&info->handshake_mutex);
  if (info->is_running)
    return info;
  pthread_join(info->tid, 0); // expect: invalid-join
error:
  free(info);
  return NULL;
}

static void *connection_handle_fixed(void *arg) {
  struct pass_info *info = arg;
  pthread_mutex_lock(&info->handshake_mutex);
  info->is_running = do_handshake(info);
  pthread_cond_signal(&info->handshake_cond);
  pthread_mutex_unlock(&info->handshake_mutex);
  if (info->is_running)
    serve(info);
  return NULL;
}

struct pass_info *zclient_start_fixed(void) {
  struct pass_info *info = calloc(1, sizeof(*info));
  if (!info)
    return NULL;
  pthread_mutex_init(&info->handshake_mutex, 0);
  pthread_cond_init(&info->handshake_cond, 0);
  if (pthread_create(&info->tid, NULL, connection_handle_fixed, info) != 0)
    goto error;
  pthread_mutex_lock(&info->handshake_mutex);
  if (info->is_running == 0)
    pthread_cond_wait(&info->handshake_cond, &info->handshake_mutex);
  pthread_mutex_unlock(&info->handshake_mutex);
  if (info->is_running)
    return info; /* zclient_stop() joins info->tid */
  pthread_join(info->tid, 0);
error:
  free(info);
  return NULL;
}
