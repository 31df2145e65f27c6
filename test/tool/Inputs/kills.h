#pragma once
#include <pthread.h>

inline void stopAll(pthread_t worker) {
  pthread_cancel(worker);
}
