// threadlife/wait.hpp - waits that a stop request ends at once.
//
//   while (threadlife::sleep_for(token, 10s)) poll();   // leaves the loop on request_stop()
//
// A plain std::this_thread::sleep_for in a thread's loop delays its stop by up to the whole
// sleep; these return as soon as request_stop() is called, on whichever thread.
//
// Also brings in threadlife::condition_variable_any, whose waits take a stop_token in
// C++17 as in C++20.
#ifndef THREADLIFE_WAIT_HPP
#define THREADLIFE_WAIT_HPP

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <threadlife/condition_variable_any.hpp>
#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {

/// Sleeps until `deadline` or until a stop is requested on `token`, whichever comes
/// first. Returns true if it slept until the deadline, false if a stop was requested
/// (also when it already had been: then it returns at once). A token that can never be
/// stopped (stop_possible() false) makes this a plain sleep.
template <class Clock, class Duration>
bool sleep_until(const stop_token& token, const std::chrono::time_point<Clock, Duration>& deadline) {
  if (token.stop_requested()) return false;
  if (!token.stop_possible()) {
    std::this_thread::sleep_until(deadline);
    return true;
  }
  // A private mutex and condition variable: the only notifier is the stop callback, and
  // its destructor waits for a callback still running elsewhere, so both may live on
  // this stack.
  std::mutex mutex;
  std::condition_variable woken_cv;
  bool woken = false;
  stop_callback wake(token, [&]() noexcept {
    {
      std::lock_guard<std::mutex> guard(mutex);
      woken = true;
    }
    woken_cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(mutex);
  return !woken_cv.wait_until(lock, deadline, [&] { return woken; });
}

/// sleep_until(token, now + d); a huge d (duration::max()) means until the stop.
template <class Rep, class Period>
bool sleep_for(const stop_token& token, const std::chrono::duration<Rep, Period>& d) {
  return sleep_until(token, detail::deadline_after(d));
}

}  // namespace threadlife

#endif
