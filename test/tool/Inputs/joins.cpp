#include <thread>

void twice() {
  std::thread t([] {});
  t.join();
  t.join();
}
