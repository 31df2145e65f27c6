// Provenance: OpenDataPlane/odp 6f2c8f562238d8b59727d0d3220af5757547f1ba (PR #986) - example/l3fwd's global->exit_threads was a plain int polled by every worker's loop and set by main after the run: with GCC 10 + LTO the check left the loop and make check never finished
#include <pthread.h>
#include <stddef.h>

#define MAX_WORKERS 4

/* The project's atomic type, reduced: a struct, not an integer. */
typedef struct {
  unsigned v;
} odp_atomic_u32_t;
unsigned odp_atomic_load_u32(odp_atomic_u32_t *a);
void odp_atomic_store_u32(odp_atomic_u32_t *a, unsigned v);
void odp_atomic_init_u32(odp_atomic_u32_t *a, unsigned v);

int forward_burst(int port); /* receives and forwards one burst */
void print_speed_stats(int workers, int duration);

typedef struct {
  int exit_threads; // expect: unsafe-stop-flag
  odp_atomic_u32_t exit_threads_fixed;
  pthread_t workers[MAX_WORKERS];
} global_data_t;

static global_data_t *global; /* lives in shared memory */

static void *run_worker(void *arg) {
  int port = 0;
  while (!global->exit_threads)
    port = forward_burst(port);
  return arg;
}

int run_l3fwd(global_data_t *shm, int duration) {
  global = shm;
  global->exit_threads = 0;
  for (int i = 0; i < MAX_WORKERS; i++)
    pthread_create(&global->workers[i], NULL, run_worker, NULL);
  print_speed_stats(MAX_WORKERS, duration);
  global->exit_threads = 1;
  for (int i = 0; i < MAX_WORKERS; i++)
    pthread_join(global->workers[i], NULL);
  return 0;
}

/* The fix: an odp_atomic_u32_t, loaded and stored through the atomic API. */
static void *run_worker_fixed(void *arg) {
  int port = 0;
  while (!odp_atomic_load_u32(&global->exit_threads_fixed))
    port = forward_burst(port);
  return arg;
}

int run_l3fwd_fixed(global_data_t *shm, int duration) {
  global = shm;
  odp_atomic_init_u32(&global->exit_threads_fixed, 0);
  for (int i = 0; i < MAX_WORKERS; i++)
    pthread_create(&global->workers[i], NULL, run_worker_fixed, NULL);
  print_speed_stats(MAX_WORKERS, duration);
  odp_atomic_store_u32(&global->exit_threads_fixed, 1);
  for (int i = 0; i < MAX_WORKERS; i++)
    pthread_join(global->workers[i], NULL);
  return 0;
}
