// Provenance: bytecodealliance/wasm-micro-runtime edaff3c6ec2063595d15fc075577db659ca34e5f (PR #1487) - a wasm app's pthread_detach() detached its thread through wasm_cluster_detach_thread(), and the thread manager detached the same thread again from inside it when it exited; a second pthread_detach crashed under musl
#include <pthread.h>
#include <stdbool.h>

typedef struct {
  pthread_t handle;
  int wait_count; /* threads blocked joining this one */
  bool thread_is_detached;
} exec_env_t;

static pthread_mutex_t cluster_list_lock = PTHREAD_MUTEX_INITIALIZER;
void run_wasm_function(exec_env_t *env);

int cluster_detach_thread(exec_env_t *env) {
  int ret = 0;
  pthread_mutex_lock(&cluster_list_lock);
  if (env->wait_count == 0) {
    ret = pthread_detach(env->handle); // expect: invalid-join
    env->thread_is_detached = true;
  }
  pthread_mutex_unlock(&cluster_list_lock);
  return ret;
}

static void *thread_manager_start_routine(void *arg) {
  exec_env_t *env = arg;
  run_wasm_function(env); /* the app may call pthread_detach() on itself here */
  cluster_detach_thread(env); /* release the native thread at exit */
  return NULL;
}

int cluster_create_thread(exec_env_t *env) {
  return pthread_create(&env->handle, NULL, thread_manager_start_routine, env);
}

/* the libc wrapper behind the app's pthread_detach() */
int wasm_pthread_detach(exec_env_t *env) { return cluster_detach_thread(env); }

int cluster_detach_thread_fixed(exec_env_t *env) {
  int ret = 0;
  pthread_mutex_lock(&cluster_list_lock);
  if (env->wait_count == 0 && !env->thread_is_detached) {
    ret = pthread_detach(env->handle);
    env->thread_is_detached = true;
  }
  pthread_mutex_unlock(&cluster_list_lock);
  return ret;
}

static void *thread_manager_start_routine_fixed(void *arg) {
  exec_env_t *env = arg;
  run_wasm_function(env);
  cluster_detach_thread_fixed(env); /* no-op if the app detached it already */
  return NULL;
}

int cluster_create_thread_fixed(exec_env_t *env) {
  env->thread_is_detached = false;
  return pthread_create(&env->handle, NULL, thread_manager_start_routine_fixed, env);
}

int wasm_pthread_detach_fixed(exec_env_t *env) { return cluster_detach_thread_fixed(env); }
