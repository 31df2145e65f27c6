#include <pthread.h>
#include <signal.h>

void stop(pthread_t worker) {
  pthread_kill(worker, SIGTERM);
  pthread_cancel(worker);
}
