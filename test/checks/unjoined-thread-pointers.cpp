// RUN: %check_threadlife %s threadlife-unjoined-thread,threadlife-invalid-join %t -- -pthread

// Threads held through a unique owner or a raw pointer from new.

#include <memory>
#include <thread>
#include <utility>

void work();
bool ready();

// Positives.

void deleteRunning() {
  std::thread *t = new std::thread(work);
  delete t;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: deleting 't' destroys a thread object that may still be joinable, which calls std::terminate; join it first [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: thread started here
}

void resetRunning() {
  std::unique_ptr<std::thread> t(new std::thread(work));
  t.reset();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: resetting 't' destroys a thread object that may still be joinable, which calls std::terminate; join it first [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-3]]:38: note: thread started here
}

void reassignRunning() {
  auto t = std::make_unique<std::thread>(work);
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 't' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+1]]:7: note: thread started here
  t = std::make_unique<std::thread>(work);
  // CHECK-NOTES: :[[@LINE+4]]:1: note: this path leaves the scope without join() or detach()
  // CHECK-NOTES: :[[@LINE-5]]:8: note: std::jthread (or a join on this path) would join it
  // CHECK-NOTES: :[[@LINE-3]]:5: warning: assigning to 't' destroys a thread object that may still be joinable, which calls std::terminate; join it first [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-7]]:12: note: thread started here
}

void ownerEndsScope(bool early) {
  std::unique_ptr<std::thread> t = std::make_unique<std::thread>(work);
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: 't' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:36: note: thread started here
  if (early)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope without join() or detach()
  // CHECK-NOTES: :[[@LINE-6]]:32: note: std::jthread (or a join on this path) would join it
  t->join();
}

void assignThroughPointer() {
  auto t = std::make_unique<std::thread>(work);
  *t = std::thread(work);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: assigning to 't' while it may still be joinable calls std::terminate; join it before starting another thread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: thread started here
  t->join();
}

void joinTwiceThroughPointer() {
  auto t = std::make_unique<std::thread>(work);
  t->join();
  t->join();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 't' may already be joined here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
}

class DeletesInDestructor {
public:
  ~DeletesInDestructor() { delete worker_; }
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: deleting 'worker_' destroys a thread object that may still be joinable, which calls std::terminate; join it first [threadlife-unjoined-thread]
  void start() {
    if (worker_ == nullptr)
      worker_ = new std::thread(work);
    // CHECK-NOTES: :[[@LINE-1]]:21: note: thread started here
  }

private:
  std::thread *worker_ = nullptr;
};

class OwnerNeverJoins {
public:
  void start() { worker_.reset(new std::thread(work)); }

private:
  std::unique_ptr<std::thread> worker_;
  // CHECK-NOTES: :[[@LINE-1]]:32: warning: 'worker_' may still be joinable when 'OwnerNeverJoins' is destroyed, which calls std::terminate; join it in the destructor, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-5]]:36: note: thread started here
  // CHECK-NOTES: :[[@LINE-8]]:7: note: the destructor of 'OwnerNeverJoins' does not join 'worker_'
};

// Negatives.

void deleteJoined() {
  std::thread *t = new std::thread(work);
  t->join();
  delete t;
}

void resetGuarded() {
  std::unique_ptr<std::thread> t = std::make_unique<std::thread>(work);
  if (t && t->joinable())
    t->join();
  t.reset();
}

void movedAway(std::unique_ptr<std::thread> &out) {
  auto t = std::make_unique<std::thread>(work);
  out = std::move(t);
  t.reset(); // t is empty after the move
}

void emptyThreadObject() {
  std::unique_ptr<std::thread> t(new std::thread);
  t.reset();
}

void rawPointerLeftRunning() {
  // The thread object leaks with its pointer; it is never destroyed.
  std::thread *t = new std::thread(work);
  (void)t;
}

void joinWhenNotNull(std::thread *given) {
  std::unique_ptr<std::thread> t;
  if (ready())
    t = std::make_unique<std::thread>(work);
  if (t)
    t->join();
}

class JoinsInDestructor {
public:
  ~JoinsInDestructor() {
    if (worker_ != nullptr && worker_->joinable())
      worker_->join();
    delete worker_;
  }
  void start() {
    if (worker_ == nullptr)
      worker_ = new std::thread(work);
  }

private:
  std::thread *worker_ = nullptr;
};

class OwnerJoins {
public:
  ~OwnerJoins() {
    if (worker_)
      worker_->join();
  }
  void start() { worker_ = std::make_unique<std::thread>(work); }

private:
  std::unique_ptr<std::thread> worker_;
};

// A worker that its owner shuts down: the owner calls the method that joins.
class Worker {
public:
  void start() { thread_ = std::make_unique<std::thread>(work); }
  void shutdown() { thread_->join(); }

private:
  std::unique_ptr<std::thread> thread_;
};

class Pool {
public:
  ~Pool() { worker_.shutdown(); }
  void start() { worker_.start(); }

private:
  Worker worker_;
};

// Shared owners are not followed: who destroys the thread is not known.
void shared() {
  std::shared_ptr<std::thread> t = std::make_shared<std::thread>(work);
  t.reset();
}

// A base class whose subclasses stop it: the join is a protected method.
class RunnableService {
protected:
  virtual ~RunnableService() {}
  void startService() { thread_.reset(new std::thread(work)); }
  void stopService() {
    if (thread_) {
      thread_->join();
      thread_ = nullptr;
    }
  }

private:
  std::unique_ptr<std::thread> thread_;
};
