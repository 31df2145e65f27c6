#include <pthread.h>

void *work(void *arg) { return arg; }

int main() {
  pthread_t worker;
  pthread_create(&worker, nullptr, work, nullptr);
  pthread_join(worker, nullptr);
}
