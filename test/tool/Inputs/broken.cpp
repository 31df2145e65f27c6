#include <pthread.h>

void stop(pthread_t worker) {
  pthread_cancel(worker)
}
