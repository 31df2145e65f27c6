#include "stopper/stopper.h"

int main() {
  stop(pthread_self());
  return 0;
}
