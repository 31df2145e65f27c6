// Provenance: performous/performous 69b881ab09e25c80fe7483041c21e542a7078efd (PR #370) - Engine::kill() joined unconditionally and ~Engine() calls kill(), so a screen that killed the engine early joined the thread a second time when the engine was destroyed
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

class Engine {
public:
  Engine() { thread_.reset(new std::thread(std::ref(*this))); }
  ~Engine() { kill(); }
  void kill() {
    quit_ = true;
    thread_->join(); // expect: invalid-join
  }
  void operator()() {
    while (!quit_) {
    }
  }

private:
  std::atomic<bool> quit_{false};
  std::unique_ptr<std::thread> thread_;
};

// The score screen stops the engine early to free its memory; the engine
// object itself dies later, at the end of the screen.
void singSong(bool finishedEarly) {
  Engine engine;
  if (finishedEarly)
    engine.kill();
}

class EngineFixed {
public:
  EngineFixed() { thread_.reset(new std::thread(std::ref(*this))); }
  ~EngineFixed() { kill(); }
  void kill() {
    quit_ = true;
    if (thread_ && thread_->joinable())
      thread_->join();
  }
  void operator()() {
    while (!quit_) {
    }
  }

private:
  std::atomic<bool> quit_{false};
  std::unique_ptr<std::thread> thread_;
};

void singSongFixed(bool finishedEarly) {
  EngineFixed engine;
  if (finishedEarly)
    engine.kill();
}
