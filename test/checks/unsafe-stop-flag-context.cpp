// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread

// A std::thread given its state as an argument of the callable: the fields
// reached through that pointer or reference are the thread's shared state.

#include <functional>
#include <thread>

void work();

struct Settings {
  bool stop = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'stop' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
  int rounds = 0;
};

void poll(Settings *s) {
  while (!s->stop)
    work();
}

void byReference(Settings &s) {
  // A counter compared with a bound is not a stop flag.
  for (int i = 0; i < s.rounds; ++i)
    work();
}

void run() {
  Settings settings;
  std::thread a(poll, &settings);
  std::thread b(byReference, std::ref(settings));
  settings.stop = true;
  a.join();
  b.join();
}
