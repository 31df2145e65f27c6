// Provenance: espeak-ng/espeak-ng src/libespeak-ng/fifo.c (introduced by e13b602ce0bd81bb5b84f03631819fb2820fe19f, still so at 359f5f397b85baf875089d3af9cda946bef31dcb) - static bool my_terminate_is_required is set by fifo_terminate() under my_mutex, but say_thread's loop conditions read it without the mutex: the reader is unsynchronised
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

void *pop_command(void);
void process_command(void *cmd);

static pthread_mutex_t my_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t my_cond_start_is_required = PTHREAD_COND_INITIALIZER;
static bool my_start_is_required = false;
static bool my_terminate_is_required = 0; // expect: unsafe-stop-flag
static pthread_t my_thread;

static void *say_thread(void *p) {
  (void)p;
  while (!my_terminate_is_required) { /* no lock held here */
    pthread_mutex_lock(&my_mutex);
    while (my_start_is_required == false && my_terminate_is_required == false)
      pthread_cond_wait(&my_cond_start_is_required, &my_mutex);
    void *cmd = pop_command();
    my_start_is_required = false;
    pthread_mutex_unlock(&my_mutex);
    if (cmd)
      process_command(cmd);
  }
  return NULL;
}

void fifo_init(void) { pthread_create(&my_thread, NULL, say_thread, NULL); }

void fifo_terminate(void) {
  pthread_mutex_lock(&my_mutex);
  my_terminate_is_required = true;
  pthread_mutex_unlock(&my_mutex);
  pthread_cond_signal(&my_cond_start_is_required);
  pthread_join(my_thread, NULL);
  my_terminate_is_required = false;
}

/* The fix: an atomic_bool (the wait predicate still runs under the mutex). */
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
    void *cmd = pop_command();
    fixed_start_is_required = false;
    pthread_mutex_unlock(&fixed_mutex);
    if (cmd)
      process_command(cmd);
  }
  return NULL;
}

void fifo_init_fixed(void) { pthread_create(&fixed_thread, NULL, say_thread_fixed, NULL); }

void fifo_terminate_fixed(void) {
  pthread_mutex_lock(&fixed_mutex);
  atomic_store(&fixed_terminate_is_required, true);
  pthread_mutex_unlock(&fixed_mutex);
  pthread_cond_signal(&fixed_cond);
  pthread_join(fixed_thread, NULL);
  atomic_store(&fixed_terminate_is_required, false);
}
