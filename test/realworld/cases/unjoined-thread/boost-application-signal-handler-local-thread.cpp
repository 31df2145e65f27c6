// Provenance: retf/Boost.Application fc40a14c6707b2ffafb80f8858d7e4360f4db679 (issue #47) - signal_binder::signal_handler() started a local csbl::thread (std::thread in C++11 builds) to run spawn() and let it go out of scope unjoined, so every signal ended in std::terminate
#include <functional>
#include <map>
#include <thread>

struct ErrorCode {
  int value = 0;
  explicit operator bool() const { return value != 0; }
};

class SignalBinder {
public:
  void signalHandler(const ErrorCode &ec, int signalNumber) {
    std::thread thread(&SignalBinder::spawn, this, ec, signalNumber); // expect: unjoined-thread
    rearm();
  }

private:
  void spawn(const ErrorCode &ec, int signalNumber) {
    if (ec)
      return;
    auto it = handlers_.find(signalNumber);
    if (it != handlers_.end() && it->second)
      it->second();
  }
  void rearm();
  std::map<int, std::function<void()>> handlers_;
};

class SignalBinderFixed {
public:
  void signalHandler(const ErrorCode &ec, int signalNumber) {
    spawn(ec, signalNumber);
    rearm();
  }

private:
  void spawn(const ErrorCode &ec, int signalNumber) {
    if (ec)
      return;
    auto it = handlers_.find(signalNumber);
    if (it != handlers_.end() && it->second)
      it->second();
  }
  void rearm();
  std::map<int, std::function<void()>> handlers_;
};
