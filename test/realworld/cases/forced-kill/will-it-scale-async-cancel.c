// Provenance: antonblanchard/will-it-scale 221492d1c7aa9bb377d777ce14f870057d49d172 (PR #25) - the benchmark threads switched themselves to PTHREAD_CANCEL_ASYNCHRONOUS so that kill_tasks()' pthread_cancel ends test loops that never reach a cancellation point; the thread may then die between any two instructions, inside malloc or holding a lock
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define MAX_TASKS 8

void testcase_iteration(unsigned long *iterations); /* one round of the benchmarked operation */

static pthread_t threads[MAX_TASKS];
static int nr_threads;

static void *pre_trampoline(void *p) {
  unsigned long *iterations = p;
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL); // expect: forced-kill
  for (;;)
    testcase_iteration(iterations);
  return NULL;
}

void new_task(unsigned long *iterations) {
  pthread_create(&threads[nr_threads++], NULL, pre_trampoline, iterations);
}

void kill_tasks(void) {
  for (int i = 0; i < nr_threads; i++)
    pthread_cancel(threads[i]); // expect: forced-kill
  for (int i = 0; i < nr_threads; i++)
    pthread_join(threads[i], NULL);
}

/* How it should be: the loops poll a stop flag that kill_tasks sets. */
static pthread_t threads_fixed[MAX_TASKS];
static int nr_threads_fixed;
static atomic_bool stop_tasks;

static void *pre_trampoline_fixed(void *p) {
  unsigned long *iterations = p;
  while (!atomic_load_explicit(&stop_tasks, memory_order_relaxed))
    testcase_iteration(iterations);
  return NULL;
}

void new_task_fixed(unsigned long *iterations) {
  pthread_create(&threads_fixed[nr_threads_fixed++], NULL, pre_trampoline_fixed, iterations);
}

void kill_tasks_fixed(void) {
  atomic_store(&stop_tasks, 1);
  for (int i = 0; i < nr_threads_fixed; i++)
    pthread_join(threads_fixed[i], NULL);
}
