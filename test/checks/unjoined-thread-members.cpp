// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -pthread

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

void work();

// Positives.

class Heartbeat {
public:
  Heartbeat() : worker_([this] { beat(); }) {}

private:
  void beat();
  std::thread worker_;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Heartbeat' is destroyed, which calls std::terminate; join it in the destructor, or make it a std::jthread [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-6]]:17: note: thread started here
  // CHECK-NOTES: :[[@LINE-9]]:7: note: the destructor of 'Heartbeat' does not join 'worker_'
};

class Leaky {
public:
  void start() { worker_ = std::thread(work); }
  void stop() { worker_.join(); }
  ~Leaky() {}

private:
  std::thread worker_;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Leaky' is destroyed
  // CHECK-NOTES: :[[@LINE-7]]:28: note: thread started here
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the destructor of 'Leaky' does not join 'worker_'
};

// The worker sets done_ when a task throws; the destructor then skips the
// join of a thread that is still joinable.
class Tasks {
public:
  Tasks()
      : worker_([this] {
          try {
            work();
          } catch (...) {
            done_ = true;
          }
        }) {}
  ~Tasks() {
    if (!done_)
      worker_.join();
  }

private:
  std::atomic<bool> done_{false};
  std::thread worker_;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'worker_' may still be joinable when 'Tasks' is destroyed
  // CHECK-NOTES: :[[@LINE-16]]:9: note: thread started here
  // CHECK-NOTES: :[[@LINE-9]]:9: note: the join depends on 'done_', which the thread itself writes: the destructor can skip the join while the thread still runs
};

class PoolLeak {
public:
  explicit PoolLeak(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(work);
  }

private:
  std::vector<std::thread> workers_;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: the threads in 'workers_' may still be joinable when 'PoolLeak' is destroyed, which calls std::terminate; join them in the destructor [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-6]]:7: note: thread added here
  // CHECK-NOTES: :[[@LINE-11]]:7: note: the destructor of 'PoolLeak' does not join 'workers_'
};

// Negatives.

// The destructor joins through a member function, guarded by joinable().
class Pump {
public:
  void start() { worker_ = std::thread([this] { run(); }); }
  void stop() {
    running_ = false;
    if (worker_.joinable())
      worker_.join();
  }
  ~Pump() { stop(); }

private:
  void run() {}
  std::atomic<bool> running_{true};
  std::thread worker_;
};

// A flag only the owner writes, next to the start and the join.
class Owner {
public:
  void start() {
    worker_ = std::thread(work);
    started_ = true;
  }
  void stop() {
    if (started_) {
      worker_.join();
      started_ = false;
    }
  }
  ~Owner() { stop(); }

private:
  bool started_ = false;
  std::thread worker_;
};

// Every element joined in the destructor.
class Pool {
public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i)
      workers_.emplace_back(work);
  }
  ~Pool() {
    for (std::thread &w : workers_)
      w.join();
  }

private:
  std::vector<std::thread> workers_;
};

// A destructor defined in another file: it may join.
class Elsewhere {
public:
  Elsewhere() : worker_(work) {}
  ~Elsewhere();

private:
  std::thread worker_;
};

// Detached at once: nothing owed.
class Fire {
public:
  Fire() : worker_(work) { worker_.detach(); }

private:
  std::thread worker_;
};

// Self-joining members.
class Modern {
  std::jthread worker_{work};
};

// Never started by this class: its state on entry is unknown.
class Holder {
public:
  explicit Holder(std::thread t) : worker_(std::move(t)) {}
  ~Holder() { worker_.join(); }

private:
  std::thread worker_;
};

// Handed out: the caller owns the thread.
class Factory {
public:
  void start() { worker_ = std::thread(work); }
  std::thread take() { return std::move(worker_); }

private:
  std::thread worker_;
};

// A test fixture: the framework calls SetUp and TearDown around each test.
class Fixture {
public:
  virtual ~Fixture() = default;
  virtual void SetUp() {}
  virtual void TearDown() {}
};
class ServerTest : public Fixture {
protected:
  void SetUp() override { server_ = std::thread(work); }
  void TearDown() override { server_.join(); }
  std::thread server_;
};

// The thread sets the flag the destructor tests, but the function that
// starts it waits until it has: when the object is destroyed, the flag says
// whether a thread runs.
struct Loop {
  void run();
  void quit();
};

class LoopThread {
public:
  Loop *start() {
    thread_ = std::thread(&LoopThread::main, this);
    std::unique_lock<std::mutex> lock(mutex_);
    cond_.wait(lock, [this] { return loop_ != nullptr; });
    return loop_;
  }
  ~LoopThread() {
    if (loop_) {
      loop_->quit();
      thread_.join();
    }
  }

private:
  void main() {
    Loop loop;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      loop_ = &loop;
      cond_.notify_one();
    }
    loop.run();
  }
  Loop *loop_ = nullptr;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::thread thread_;
};

// A restart guarded by a flag the thread clears as it ends: once the thread
// has finished, the guard lets the restart through over a joinable thread.
class Loader {
public:
  ~Loader() {
    loading_ = false;
    if (thread_.joinable())
      thread_.join();
  }
  void reload() {
    if (loading_)
      return;
    loading_ = true;
    thread_ = std::thread([this] { scan(); });
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: assigning to 'thread_' may destroy the thread an earlier call started while it is still joinable, which calls std::terminate; join it before starting it again [threadlife-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-5]]:9: note: the restart is guarded by 'loading_', which the thread itself writes: the guard lets it through once the thread has finished, before anyone joined it
  }

private:
  void scan() { loading_ = false; }
  std::atomic<bool> loading_{false};
  std::thread thread_;
};

// Fine: the restart joins the previous thread first; and a start without a
// guard is the caller's to call once.
class JoiningLoader {
public:
  ~JoiningLoader() {
    if (thread_.joinable())
      thread_.join();
    if (other_.joinable())
      other_.join();
  }
  void reload() {
    if (loading_)
      return;
    loading_ = true;
    if (thread_.joinable())
      thread_.join();
    thread_ = std::thread([this] { scan(); });
  }
  void start() { other_ = std::thread([this] { scan(); }); }
  void stop() { other_.join(); }

private:
  void scan() { loading_ = false; }
  std::atomic<bool> loading_{false};
  std::thread thread_, other_;
};
