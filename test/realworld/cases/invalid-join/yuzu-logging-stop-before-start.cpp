// Provenance: yuzu-emu/yuzu https://github.com/yuzu-emu/yuzu/pull/7935 - the logging Impl destructor called StopBackendThread(), which joined backend_thread unconditionally, but the destructor can run before StartBackendThread() ever started it: join() on an empty std::thread threw invalid_argument at shutdown
// Flags: -std=c++20 -pthread
#include <stop_token>
#include <thread>

class LogImpl {
public:
  ~LogImpl() { StopBackendThread(); }
  void StartBackendThread() {
    backend_thread = std::thread([this] {
      while (!stop.stop_requested())
        drain();
    });
  }

private:
  void StopBackendThread() {
    stop.request_stop();
    backend_thread.join(); // expect: invalid-join
  }
  void drain();
  std::stop_source stop;
  std::thread backend_thread;
};

// The logger can be destroyed before StartBackendThread() was reached.
void bootFrontend(bool configOk) {
  LogImpl logger;
  if (!configOk)
    return;
  logger.StartBackendThread();
}

class LogImplFixed {
public:
  void StartBackendThread() {
    backend_thread = std::jthread([this](std::stop_token token) {
      while (!token.stop_requested())
        drain();
    });
  }

private:
  void drain();
  std::jthread backend_thread; // requests stop and joins only if started
};

void bootFrontendFixed(bool configOk) {
  LogImplFixed logger;
  if (!configOk)
    return;
  logger.StartBackendThread();
}
