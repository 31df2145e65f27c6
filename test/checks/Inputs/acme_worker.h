// A project's own thread class, made known to the checks by the ThreadTypes
// option: it behaves like std::thread.
#pragma once
#include <thread>
#include <utility>

namespace acme {
class Worker {
public:
  Worker() noexcept = default;
  template <class F> explicit Worker(F &&f) : t_(std::forward<F>(f)) {}
  bool joinable() const noexcept { return t_.joinable(); }
  void join() { t_.join(); }
  void detach() { t_.detach(); }

private:
  std::thread t_;
};
} // namespace acme
