// Provenance: espeak-ng/espeak-ng e13b602ce0bd81bb5b84f03631819fb2820fe19f (PR #563) - fifo_terminate() stopped say_thread with pthread_cancel; cancelled while holding my_mutex (or parked in pthread_cond_wait, which reacquires it), the thread left the mutex locked and the next locker deadlocked. Replaced by a terminate flag, a signal and pthread_join
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

void *pop_command(void);
void process_command(void *cmd);

static pthread_mutex_t my_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t my_cond_start_is_required = PTHREAD_COND_INITIALIZER;
static bool my_start_is_required = false;
static pthread_t my_thread;

static void *say_thread(void *p) {
  (void)p;
  while (1) {
    pthread_mutex_lock(&my_mutex);
    while (!my_start_is_required)
      pthread_cond_wait(&my_cond_start_is_required, &my_mutex);
    void *cmd = pop_command();
    my_start_is_required = false;
    pthread_mutex_unlock(&my_mutex);
    process_command(cmd);
  }
  return NULL;
}

void fifo_init(void) { pthread_create(&my_thread, NULL, say_thread, NULL); }

void fifo_terminate(void) {
  pthread_cancel(my_thread); // expect: forced-kill
  pthread_join(my_thread, NULL);
  pthread_mutex_destroy(&my_mutex);
}

/* The fix (made race-free: the project's flag is a plain bool read outside
   the mutex, see unsafe-stop-flag/espeak-ng-fifo-terminate-flag.c). */
static pthread_mutex_t fixed_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t fixed_cond = PTHREAD_COND_INITIALIZER;
static bool fixed_start_is_required = false;
static atomic_bool fixed_terminate_is_required;
static pthread_t fixed_thread;

static void *say_thread_fixed(void *p) {
  (void)p;
  while (!atomic_load(&fixed_terminate_is_required)) {
    pthread_mutex_lock(&fixed_mutex);
    while (!fixed_start_is_required && !atomic_load(&fixed_terminate_is_required))
      pthread_cond_wait(&fixed_cond, &fixed_mutex);
    if (atomic_load(&fixed_terminate_is_required)) {
      pthread_mutex_unlock(&fixed_mutex);
      break;
    }
    void *cmd = pop_command();
    fixed_start_is_required = false;
    pthread_mutex_unlock(&fixed_mutex);
    process_command(cmd);
  }
  return NULL;
}

void fifo_init_fixed(void) { pthread_create(&fixed_thread, NULL, say_thread_fixed, NULL); }

void fifo_terminate_fixed(void) {
  pthread_mutex_lock(&fixed_mutex);
  atomic_store(&fixed_terminate_is_required, true);
  pthread_cond_signal(&fixed_cond);
  pthread_mutex_unlock(&fixed_mutex);
  pthread_join(fixed_thread, NULL);
}
