// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread

// A project's own lock guard is known by what it does, not by its name: a
// constructor that locks the mutex it is given and a destructor that
// unlocks it (leveldb's MutexLock, a pthread locker). A class that only
// locks is no guard.
#include <pthread.h>
#include <thread>

void work();

namespace port {
class Mutex {
public:
  void Lock();
  void Unlock();
  void AssertHeld();
};
} // namespace port

class MutexLock {
public:
  explicit MutexLock(port::Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }

private:
  port::Mutex *const mu_;
};

class Locker {
public:
  explicit Locker(pthread_mutex_t *m) : m_(m) { pthread_mutex_lock(m_); }
  ~Locker() { pthread_mutex_unlock(m_); }

private:
  pthread_mutex_t *m_;
};

// Locks, never unlocks: not a guard.
class Acquire {
public:
  explicit Acquire(port::Mutex *mu) { mu->Lock(); }
};

class Guarded {
public:
  void start() { worker_ = std::thread(&Guarded::run, this); }
  void stop() {
    MutexLock l(&mu_);
    stop_ = true;
  }

private:
  void run() {
    while (true) {
      MutexLock l(&mu_);
      if (stop_)
        break;
    }
  }
  port::Mutex mu_;
  bool stop_ = false;
  std::thread worker_;
};

// A writer that asserts its caller holds the mutex writes under it.
class CallerLocked {
public:
  void start() { worker_ = std::thread(&CallerLocked::run, this); }
  void endLocked() {
    mu_->AssertHeld();
    end_ = true;
  }

private:
  void run() {
    while (true) {
      MutexLock l(mu_);
      if (end_)
        break;
    }
  }
  port::Mutex *mu_;
  bool end_ = false;
  std::thread worker_;
};

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
bool quit = false;

void pthreadGuarded() {
  std::thread t([] {
    for (;;) {
      Locker l(&lock);
      if (quit)
        return;
    }
  });
  {
    Locker l(&lock);
    quit = true;
  }
  t.join();
}

port::Mutex other;
bool done = false;
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: stop flag 'done' is polled by a thread's loop and written by another thread without synchronization{{.*}} [threadlife-unsafe-stop-flag]

void notAGuard() {
  std::thread t([] {
    while (true) {
      Acquire a(&other);
      if (done)
        break;
    }
  });
  Acquire a(&other);
  done = true;
  t.join();
}
