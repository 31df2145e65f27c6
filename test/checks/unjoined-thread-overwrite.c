// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -std=c11 -pthread

// A create into a handle that still holds a thread nobody joined or detached
// loses that thread: a server that starts one thread per request into the
// same pthread_t, and never detaches them, keeps every finished one as a
// zombie while it runs.

#include <pthread.h>
#include <stdio.h>
#include <stddef.h>

int next_request(void);
void *serve(void *request);

void accept_loop(void) {
  pthread_t worker;
  for (;;) {
    int request = next_request();
    if (pthread_create(&worker, NULL, serve, (void *)(long)request) != 0)
      perror("pthread_create");
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: a thread is created into 'worker' while it may still hold a thread that is neither joined nor detached: that thread's resources are never freed; pthread_join or pthread_detach it first [threadlife-unjoined-thread]
  }
}

// Detached after each create: silent.
void accept_loop_detached(void) {
  pthread_t worker;
  for (;;) {
    int request = next_request();
    if (pthread_create(&worker, NULL, serve, (void *)(long)request) == 0)
      pthread_detach(worker);
  }
}

// Joined before the next create: silent.
void one_at_a_time(int n) {
  pthread_t worker;
  for (int i = 0; i < n; ++i) {
    if (pthread_create(&worker, NULL, serve, NULL) != 0)
      return;
    pthread_join(worker, NULL);
  }
}
