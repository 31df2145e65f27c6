// RUN: %check_threadlife %s threadlife-invalid-join %t -- -pthread

// A local object whose class holds a thread is followed from its
// construction through the methods called on it to its destructor.

#include <atomic>
#include <memory>
#include <thread>

void work();
bool ready();

// Positives.

// Stopped early, then stopped again by the destructor.
class Engine {
public:
  Engine() { thread_.reset(new std::thread(work)); }
  ~Engine() { kill(); }
  void kill() {
    quit_ = true;
    thread_->join();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'thread_' may already be joined here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: joined here
  }

private:
  std::atomic<bool> quit_{false};
  std::unique_ptr<std::thread> thread_;
};

void stopEarly(bool finished) {
  Engine engine;
  if (finished)
    engine.kill();
}

// Destroyed before its thread was started.
class Logger {
public:
  ~Logger() { stop(); }
  void start() { backend_ = std::thread(work); }

private:
  void stop() {
    backend_.join();
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'backend_' may never have been started here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  }
  std::thread backend_;
};

void boot(bool configured) {
  Logger logger;
  // CHECK-NOTES: :[[@LINE-1]]:10: note: declared here without a thread
  if (!configured)
    return;
  logger.start();
}

// Negatives.

class EngineFixed {
public:
  EngineFixed() { thread_.reset(new std::thread(work)); }
  ~EngineFixed() { kill(); }
  void kill() {
    if (thread_ && thread_->joinable())
      thread_->join();
  }

private:
  std::unique_ptr<std::thread> thread_;
};

void stopEarlyFixed(bool finished) {
  EngineFixed engine;
  if (finished)
    engine.kill();
}

// Started on every path before the destructor joins.
void bootAlways() {
  Logger logger;
  logger.start();
}

// The object escapes: what happens to it is not known.
void keep(Engine &);
void escapes(bool finished) {
  Engine engine;
  keep(engine);
  if (finished)
    engine.kill();
}

// A method whose body is not visible may restart the thread.
class Restartable {
public:
  Restartable() : thread_(work) {}
  ~Restartable() { thread_.join(); }
  void stop() { thread_.join(); }
  void restart();

private:
  std::thread thread_;
};

void restarted() {
  Restartable r;
  r.stop();
  r.restart();
}
