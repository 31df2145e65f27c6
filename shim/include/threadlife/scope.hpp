// threadlife/scope.hpp - structured concurrency: threads that cannot outlive the block
// that started them (Trio's nursery, Java's StructuredTaskScope.ShutdownOnFailure).
//
//   {
//     threadlife::thread_scope scope;
//     scope.spawn([&](threadlife::stop_token token) { fetch(a, token); });
//     scope.spawn([&](threadlife::stop_token token) { fetch(b, token); });
//     scope.join();      // both done; rethrows the first failure, if any
//   }                    // leaving the block early: stop requested, both joined
//
//  - Every child gets the scope's stop token.
//  - The first exception that escapes a child is kept, and stop is requested for the
//    others, with that exception as the stop cause (stop_cause.hpp), so a sibling can
//    tell "cancelled because b failed" from "cancelled by the user".
//  - join() waits for every child, including children spawned by children while it
//    waits, then rethrows the kept exception.
//  - The destructor requests stop, joins every child, and rethrows the kept exception if
//    join() did not, unless the scope is being left by another exception (which then
//    wins, as a throw during unwinding would terminate).
//  - A scope built from a parent token is stopped when the parent is: scopes nest.
//
// Children must not call join() on, or destroy, their own scope: that waits for itself.
#ifndef THREADLIFE_SCOPE_HPP
#define THREADLIFE_SCOPE_HPP

#include <exception>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include <threadlife/deadline.hpp>
#include <threadlife/jthread.hpp>
#include <threadlife/leak_report.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {

class thread_scope {
 public:
  /// A scope stopped only by its own request_stop() or a failing child.
  thread_scope() : uncaught_(std::uncaught_exceptions()) {}

  /// A scope also stopped when `parent` is, with the parent's cause.
  explicit thread_scope(const stop_token& parent)
      : source_{parent}, uncaught_(std::uncaught_exceptions()) {}

  thread_scope(const thread_scope&) = delete;
  thread_scope& operator=(const thread_scope&) = delete;

  /// Requests stop, joins every child, then rethrows a child's exception that join()
  /// has not (see above).
  ~thread_scope() noexcept(false) {
    source_.request_stop();
    join_all();
    std::exception_ptr failure = take_failure();
    if (failure && std::uncaught_exceptions() <= uncaught_) std::rethrow_exception(failure);
  }

  /// Starts `f` on a new thread owned by the scope: `f(token)` if f takes a stop_token,
  /// else `f()`. The thread is listed in the leak report as "thread_scope" (or `name`),
  /// with the place of this call. Throws std::system_error if the thread cannot start.
  template <class F>
  void spawn(F&& f, creation_site where = creation_site::current()) {
    spawn("thread_scope", std::forward<F>(f), where);
  }

  template <class F>
  void spawn(std::string name, F&& f, creation_site where = creation_site::current()) {
    using fn = std::decay_t<F>;
    static_assert(std::is_invocable_v<fn, stop_token> || std::is_invocable_v<fn>,
                  "thread_scope::spawn: f must be callable with a stop_token or with nothing");
    // The child runs on the scope's token, not on the jthread's own.
    auto body = [this, token = source_.get_token(), f = fn(std::forward<F>(f))]() mutable noexcept {
      try {
        if constexpr (std::is_invocable_v<fn, stop_token>) {
          std::invoke(f, token);
        } else {
          std::invoke(f);
        }
      } catch (...) {
        fail(std::current_exception());
      }
    };
    jthread child(tracked(std::move(name), std::move(body), where));
    std::lock_guard<std::mutex> lock(mutex_);
    children_.push_back(std::move(child));
  }

  /// Waits for every child, then rethrows the first exception a child threw (once).
  void join() {
    join_all();
    if (std::exception_ptr failure = take_failure()) std::rethrow_exception(failure);
  }

  /// Requests stop for every child, without waiting.
  bool request_stop() noexcept { return source_.request_stop(); }

  [[nodiscard]] stop_token get_token() const noexcept { return source_.get_token(); }
  [[nodiscard]] bool stop_requested() const noexcept { return source_.stop_requested(); }

 private:
  void fail(std::exception_ptr error) noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (failure_) return;  // not the first
      failure_ = error;
    }
    source_.request_stop(std::move(error));
  }

  void join_all() noexcept {
    for (;;) {
      std::list<jthread> batch;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        batch.swap(children_);
      }
      if (batch.empty()) return;
      for (jthread& child : batch) child.join();
    }
  }

  std::exception_ptr take_failure() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(failure_, nullptr);
  }

  linked_stop_source source_;
  std::mutex mutex_;
  std::list<jthread> children_;
  std::exception_ptr failure_;
  int uncaught_;
};

}  // namespace threadlife

#endif
