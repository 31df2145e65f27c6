// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread

// Only a variable whose value decides the loop is a stop flag: the loop's
// condition (or an if that leaves the loop) tests it directly, negated,
// combined with && or ||, compared with a constant, or through a helper
// that returns it. A counter compared with a bound is not one.
#include <thread>

void work();
void log(int);

int limit = 100;
int processed = 0;

void counter() {
  std::thread t([] {
    while (processed < limit)
      work();
  });
  limit = 0;
  processed = 5;
  t.join();
}

bool stop_requested = false;
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: stop flag 'stop_requested' is polled by a thread's loop and written by another thread without synchronization{{.*}} [threadlife-unsafe-stop-flag]
int logged = 0;

bool keepGoing() {
  log(logged);
  return !stop_requested;
}

void helper() {
  std::thread t([] {
    while (keepGoing())
      work();
  });
  logged = 1;
  stop_requested = true;
  t.join();
}

enum State { Running, Stopping };
State state = Running;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: stop flag 'state' is polled by a thread's loop and written by another thread without synchronization{{.*}} [threadlife-unsafe-stop-flag]

void compared() {
  std::thread t([] {
    while (state != Stopping && processed >= 0)
      work();
  });
  state = Stopping;
  t.join();
}

// A helper of another object's class (a value type such as rocksdb's
// IOStatus, whose retryable_ every IOStatus has): its writes in the class's
// own methods may be to any object of it, not the one the loop reads.
class Status {
public:
  bool retryable() const { return retryable_; }
  void setRetryable(bool r) { retryable_ = r; }

private:
  bool retryable_ = false;
};

class Recovery {
public:
  void start() { worker_ = std::thread(&Recovery::run, this); }
  Status failed() {
    Status s;
    s.setRetryable(true);
    return s;
  }

private:
  void run() {
    while (true) {
      if (!error_.retryable())
        break;
      work();
    }
  }
  Status error_;
  std::thread worker_;
};
