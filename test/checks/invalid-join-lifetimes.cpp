// RUN: %check_threadlife %s threadlife-invalid-join %t -- -std=c++17 -pthread

// A class whose constructors start its thread member, except one that
// leaves it empty, and whose destructor joins it: the objects that
// constructor makes are destroyed with a thread that was never started.

#include <string>
#include <thread>

void work();
bool allowed();

// Positives.

class Context {
public:
  Context() : viable_(false) {}
  explicit Context(std::string name) : viable_(true), name_(std::move(name)) {
    thread_ = std::thread(work);
  }
  ~Context() { join(); }
  void join() {
    if (joined_)
      return;
    joined_ = true;
    thread_.join();
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'thread_' may never have been started here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-11]]:3: note: an object this constructor makes holds no thread in 'thread_', and its destructor joins it
  }

private:
  bool viable_;
  bool joined_ = false;
  std::string name_;
  std::thread thread_;
};

// Started in the initializer list, joined in the destructor itself.
class Pump {
public:
  Pump() : thread_(work) {}
  explicit Pump(int) {}
  ~Pump() { thread_.join(); }
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'thread_' may never have been started here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: an object this constructor makes holds no thread in 'thread_', and its destructor joins it

private:
  std::thread thread_;
};

// Negatives.

// A flag the starting constructor sets tells the destructor.
class Tracked {
public:
  Tracked() : viable_(false) {}
  explicit Tracked(std::string name) : viable_(true), name_(std::move(name)) {
    thread_ = std::thread(work);
    running_ = true;
  }
  ~Tracked() { join(); }
  void join() {
    if (running_) {
      thread_.join();
      running_ = false;
    }
  }

private:
  bool viable_;
  bool running_ = false;
  std::string name_;
  std::thread thread_;
};

// A member initialised by the starting constructor, which the destructor
// reads.
class ByMode {
public:
  ByMode() : threaded_(false) {}
  explicit ByMode(int) : threaded_(true), thread_(work) {}
  ~ByMode() {
    if (threaded_)
      thread_.join();
  }

private:
  bool threaded_;
  std::thread thread_;
};

// joinable() first.
class Checked {
public:
  Checked() = default;
  explicit Checked(int) : thread_(work) {}
  ~Checked() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::thread thread_;
};

// Started by a method too: any object may hold a thread when it dies.
class Restartable {
public:
  Restartable() {}
  explicit Restartable(int) : thread_(work) {}
  void start() { thread_ = std::thread(work); }
  ~Restartable() { thread_.join(); }

private:
  std::thread thread_;
};

// Every constructor starts the thread.
class Always {
public:
  Always() : thread_(work) {}
  explicit Always(int n) : thread_([n] { (void)n; work(); }) {}
  Always(const Always &) = delete;
  ~Always() { thread_.join(); }

private:
  std::thread thread_;
};

// A delegating constructor starts it through the one it delegates to.
class Delegating {
public:
  Delegating() : Delegating(0) {}
  explicit Delegating(int) : thread_(work) {}
  ~Delegating() { thread_.join(); }

private:
  std::thread thread_;
};

// The thread is handed out: its fate is decided elsewhere.
class HandsOut {
public:
  HandsOut() {}
  explicit HandsOut(int) : thread_(work) {}
  std::thread &thread() { return thread_; }
  ~HandsOut() { thread_.join(); }

private:
  std::thread thread_;
};
