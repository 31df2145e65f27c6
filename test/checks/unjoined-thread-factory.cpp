// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -std=c++17

// A static factory starts the thread of the object it hands out
// (`p->worker_ = std::thread(...); return p;`): the object's destructor
// owes the join, as for a thread its own start() began.

#include <atomic>
#include <thread>

void work();

class Poller {
public:
  static Poller *create() {
    Poller *p = new Poller;
    p->worker_ = std::thread(&Poller::run, p);
    return p;
  }
  ~Poller() {}

private:
  void run() { work(); }
  std::thread worker_;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Poller' is destroyed, which calls std::terminate; join it in the destructor [threadlife-unjoined-thread]
};

// The destructor joins: silent.
class Joined {
public:
  static Joined *create() {
    Joined *p = new Joined;
    p->worker_ = std::thread(&Joined::run, p);
    return p;
  }
  ~Joined() {
    if (worker_.joinable())
      worker_.join();
  }

private:
  void run() { work(); }
  std::thread worker_;
};

// The join depends on a flag the thread itself sets.
class Active {
public:
  static Active *create() {
    Active *p = new Active;
    p->worker_ = std::thread(&Active::run, p);
    return p;
  }
  ~Active() {
    if (!done_ && worker_.joinable())
      worker_.join();
  }

private:
  void run() {
    work();
    done_ = true;
  }
  std::thread worker_;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Active' is destroyed, which calls std::terminate; join it in the destructor [threadlife-unjoined-thread]
  std::atomic<bool> done_{false};
};
