#include "stopper/stopper.h"

#include <thread>

int main() {
  std::thread worker([] {});
  return 0;
}
