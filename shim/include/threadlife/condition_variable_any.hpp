// threadlife/condition_variable_any.hpp - a condition variable for any lock, whose waits
// can also be ended by a stop request, in C++17 too.
//
// The interface is std::condition_variable_any's, including C++20's three waits that take
// a stop_token, with the standard's return-value rules:
//
//   wait(lock, token, pred)             == while (!token.stop_requested()) {
//                                            if (pred()) return true;
//                                            wait(lock);
//                                          }
//                                          return pred();
//   wait_until(lock, token, t, pred)    the same, but on timeout: return pred();
//   wait_for(lock, token, d, pred)      wait_until(lock, token, now + d, pred), where a huge
//                                        d (duration::max()) means forever
//
// A stop request is never lost: the check of the stop bit and the start of the block
// happen under an internal mutex that the waking stop callback takes too, so a request
// landing between the predicate check and the block still wakes the waiter. The callback
// takes only that internal mutex, never the user's lock, so request_stop() may be called
// while holding the user's lock.
#ifndef THREADLIFE_CONDITION_VARIABLE_ANY_HPP
#define THREADLIFE_CONDITION_VARIABLE_ANY_HPP

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {

/// A condition variable that works with any BasicLockable lock, and whose predicate waits
/// also end on a stop request.
class condition_variable_any {
 public:
  condition_variable_any() : mutex_(std::make_shared<std::mutex>()) {}
  condition_variable_any(const condition_variable_any&) = delete;
  condition_variable_any& operator=(const condition_variable_any&) = delete;

  /// Wakes one waiter, if any.
  void notify_one() noexcept {
    { std::lock_guard<std::mutex> serialize(*mutex_); }
    cv_.notify_one();
  }

  /// Wakes every waiter.
  void notify_all() noexcept {
    // Taking the internal mutex orders this notification after any waiter that has
    // released the user's lock but not yet blocked; notifying after releasing it spares
    // the woken waiter from blocking on it at once.
    { std::lock_guard<std::mutex> serialize(*mutex_); }
    cv_.notify_all();
  }

  /// Atomically releases `lock` and blocks until notified (or spuriously woken); holds
  /// `lock` again on return.
  template <class Lock>
  void wait(Lock& lock) {
    std::shared_ptr<std::mutex> keep = mutex_;
    std::unique_lock<std::mutex> internal(*keep);
    relock<Lock> user(lock, internal);
    cv_.wait(internal);
  }

  /// Waits until pred() is true: `while (!pred()) wait(lock);`
  template <class Lock, class Predicate>
  void wait(Lock& lock, Predicate pred) {
    while (!pred()) wait(lock);
  }

  /// As wait(lock), but gives up at `t`: returns cv_status::timeout then.
  template <class Lock, class Clock, class Duration>
  std::cv_status wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& t) {
    std::shared_ptr<std::mutex> keep = mutex_;
    std::unique_lock<std::mutex> internal(*keep);
    relock<Lock> user(lock, internal);
    return cv_.wait_until(internal, t);
  }

  /// Waits until pred() is true or `t` has passed; returns pred() as last evaluated.
  template <class Lock, class Clock, class Duration, class Predicate>
  bool wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& t,
                  Predicate pred) {
    while (!pred()) {
      if (wait_until(lock, t) == std::cv_status::timeout) return pred();
    }
    return true;
  }

  /// wait_until(lock, now + d); a huge d (duration::max()) means forever.
  template <class Lock, class Rep, class Period>
  std::cv_status wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d) {
    return wait_until(lock, detail::deadline_after(d));
  }

  /// wait_until(lock, now + d, pred); a huge d (duration::max()) means forever.
  template <class Lock, class Rep, class Period, class Predicate>
  bool wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred) {
    return wait_until(lock, detail::deadline_after(d), std::move(pred));
  }

  /// Waits until pred() is true or a stop is requested on `token`. Returns pred() as last
  /// evaluated under the lock: true means the condition holds, false means the wait was
  /// ended by the stop request.
  template <class Lock, class Predicate>
  bool wait(Lock& lock, stop_token token, Predicate pred) {
    if (token.stop_requested()) return pred();
    stop_callback wake(token, waker{this});
    while (!token.stop_requested()) {
      if (pred()) return true;
      std::shared_ptr<std::mutex> keep = mutex_;
      std::unique_lock<std::mutex> internal(*keep);
      if (token.stop_requested()) break;  // the request came after the predicate check
      relock<Lock> user(lock, internal);
      cv_.wait(internal);
    }
    return pred();
  }

  /// As wait(lock, token, pred), but also gives up at `t`: returns pred() then.
  template <class Lock, class Clock, class Duration, class Predicate>
  bool wait_until(Lock& lock, stop_token token,
                  const std::chrono::time_point<Clock, Duration>& t, Predicate pred) {
    if (token.stop_requested()) return pred();
    stop_callback wake(token, waker{this});
    while (!token.stop_requested()) {
      if (pred()) return true;
      std::shared_ptr<std::mutex> keep = mutex_;
      std::unique_lock<std::mutex> internal(*keep);
      if (token.stop_requested()) break;
      relock<Lock> user(lock, internal);
      if (cv_.wait_until(internal, t) == std::cv_status::timeout) {
        internal.unlock();
        user.now();
        return pred();
      }
    }
    return pred();
  }

  /// wait_until(lock, token, now + d, pred); a huge d (duration::max()) means forever.
  template <class Lock, class Rep, class Period, class Predicate>
  bool wait_for(Lock& lock, stop_token token, const std::chrono::duration<Rep, Period>& d,
                Predicate pred) {
    return wait_until(lock, std::move(token), detail::deadline_after(d), std::move(pred));
  }

 private:
  // Unlocks the user's lock on construction (the internal mutex is held then, so no
  // notification can slip in) and locks it again on destruction, after releasing the
  // internal mutex: holding both in the other order would deadlock against a waiter that
  // holds the user's lock and waits for the internal one. If relocking throws, now()'s
  // noexcept calls std::terminate, as the standard requires: on every path, the destructor
  // and a timed wait's early relock alike.
  template <class Lock>
  class relock {
   public:
    relock(Lock& user, std::unique_lock<std::mutex>& internal) : user_(user), internal_(internal) {
      user_.unlock();
    }
    ~relock() { now(); }
    void now() noexcept {
      if (done_) return;
      done_ = true;
      if (internal_.owns_lock()) internal_.unlock();
      user_.lock();
    }
    relock(const relock&) = delete;
    relock& operator=(const relock&) = delete;

   private:
    Lock& user_;
    std::unique_lock<std::mutex>& internal_;
    bool done_ = false;
  };

  struct waker {
    condition_variable_any* cv;
    void operator()() const noexcept { cv->notify_all(); }
  };

  std::condition_variable cv_;
  // Shared with every waiter, so that a waiter still leaving wait() after the last
  // notification can outlive the condition variable (the standard allows destroying it
  // once every waiter has been notified).
  std::shared_ptr<std::mutex> mutex_;
};

}  // namespace threadlife

#endif
