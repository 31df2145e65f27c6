// Provenance: Chatterino/chatterino2 a691bb4c51acc0de7c4ef0b03fc29eee953c639b (PR #6333) - ~MiniaudioBackend() detached its audio thread when it did not stop within a second; the thread runs [this]'s io loop and went on using the backend after it was freed
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

struct IoContext {
  void run();
  void stop();
};
struct OnceFlag {
  void set();
  bool waitFor(std::chrono::milliseconds timeout);
};

class MiniaudioBackend {
public:
  MiniaudioBackend() {
    audioThread_ = std::make_unique<std::thread>([this] {
      ioContext_.run();
      stoppedFlag_.set();
    });
  }
  ~MiniaudioBackend() {
    ioContext_.stop();
    if (audioThread_->joinable()) {
      if (stoppedFlag_.waitFor(std::chrono::seconds{1})) {
        audioThread_->join();
        return;
      }
      audioThread_->detach(); // expect: detached-thread
    }
  }

private:
  IoContext ioContext_;
  OnceFlag stoppedFlag_;
  std::unique_ptr<std::thread> audioThread_;
};

class MiniaudioBackendFixed {
public:
  MiniaudioBackendFixed() {
    audioThread_ = std::make_unique<std::thread>([this] {
      ioContext_.run();
      stoppedFlag_.set();
    });
  }
  ~MiniaudioBackendFixed() {
    ioContext_.stop();
    if (audioThread_->joinable())
      audioThread_->join(); // wait as long as it takes: the thread uses *this
  }

private:
  IoContext ioContext_;
  OnceFlag stoppedFlag_;
  std::unique_ptr<std::thread> audioThread_;
};
