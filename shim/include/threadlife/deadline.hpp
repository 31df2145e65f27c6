// threadlife/deadline.hpp - stop sources that request the stop by themselves: when time
// runs out (deadline_source), or when any of several other tokens is stopped
// (linked_stop_source). Go's context.WithTimeout and WithCancel(parent), .NET's
// CancelAfter and CreateLinkedTokenSource.
//
//   threadlife::deadline_source within(request_token, 2s);   // the request's, or 2 s
//   auto reply = fetch(url, within.get_token());
//   if (within.stop_requested()) log(threadlife::stop_cause(within.get_token()));
//
// Both record why they stopped (see stop_cause.hpp): deadline_exceeded when the time ran
// out; the parent's cause, if it had one, when a linked token stopped them.
//
// All deadlines in the process share one timer thread (detail/timer_service.hpp),
// started by the first deadline. The stop a deadline requests, and so the stop_callbacks
// registered on its token, run on that thread: keep such callbacks short (wake a waiter,
// close a queue), as a slow one delays every other deadline.
#ifndef THREADLIFE_DEADLINE_HPP
#define THREADLIFE_DEADLINE_HPP

#include <chrono>
#include <exception>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/detail/timer_service.hpp>
#include <threadlife/stop_cause.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {

namespace detail {

// Forwards a parent's stop, with the parent's cause, to a child stop state.
struct link_forwarder {
  stop_source child;
  stop_token parent;
  void operator()() const noexcept {
    std::exception_ptr cause = stop_cause(parent);
    if (cause) {
      try {
        record_stop_cause(stop_state_key(child.get_token()), std::move(cause));
      } catch (...) {
      }
    }
    stop_source(child).request_stop();
  }
};

}  // namespace detail

/// A stop source that is also stopped when any of the given tokens is. Tokens already
/// stopped stop it at once, in the constructor. Move-only.
class linked_stop_source {
 public:
  /// Not linked to anything: a plain stop_source_with_cause.
  linked_stop_source() = default;

  explicit linked_stop_source(std::initializer_list<stop_token> parents) {
    for (const stop_token& parent : parents) link(parent);
  }

  template <class Iterator>
  linked_stop_source(Iterator first, Iterator last) {
    for (; first != last; ++first) link(*first);
  }

  linked_stop_source(linked_stop_source&&) noexcept = default;
  linked_stop_source& operator=(linked_stop_source&& other) noexcept {
    if (this != &other) {
      links_.clear();  // no parent may forward into the old state any more
      source_ = std::move(other.source_);
      links_ = std::move(other.links_);
    }
    return *this;
  }
  ~linked_stop_source() {
    // Deregister first: after this no parent's callback runs (or still runs) into the
    // state, so the cause record can go.
    links_.clear();
  }

  /// Adds a parent. If it is stopped already, the stop (and its cause) passes at once.
  void link(const stop_token& parent) {
    if (!parent.stop_possible()) return;  // can never stop: nothing to forward
    links_.push_back(std::make_unique<stop_callback<detail::link_forwarder>>(
        parent, detail::link_forwarder{source_.get_stop_source(), parent}));
  }

  [[nodiscard]] stop_token get_token() const noexcept { return source_.get_token(); }
  [[nodiscard]] stop_source get_stop_source() const noexcept { return source_.get_stop_source(); }
  [[nodiscard]] bool stop_requested() const noexcept { return source_.stop_requested(); }
  bool request_stop() noexcept { return source_.request_stop(); }
  bool request_stop(std::exception_ptr cause) noexcept {
    return source_.request_stop(std::move(cause));
  }
  template <class E, std::enable_if_t<!std::is_same_v<std::decay_t<E>, std::exception_ptr>,
                                      int> = 0>
  bool request_stop(E&& e) noexcept {
    return source_.request_stop(std::forward<E>(e));
  }
  [[nodiscard]] std::exception_ptr cause() const noexcept { return source_.cause(); }

 private:
  stop_source_with_cause source_;
  std::vector<std::unique_ptr<stop_callback<detail::link_forwarder>>> links_;
};

/// A stop source that requests the stop by itself at a point in time, recording
/// deadline_exceeded as the cause; optionally also linked to a parent token. Destroying
/// it cancels the deadline. Move-only.
class deadline_source {
 public:
  /// Stops `timeout` from now. A zero or negative timeout stops in the constructor; a
  /// huge one (duration::max()) never.
  template <class Rep, class Period>
  explicit deadline_source(const std::chrono::duration<Rep, Period>& timeout)
      : deadline_source(stop_token(), timeout) {}

  /// Stops at `when`, measured on `Clock` (converted once to the steady clock, so a
  /// later change of the system clock does not move it).
  template <class Clock, class Duration>
  explicit deadline_source(const std::chrono::time_point<Clock, Duration>& when)
      : deadline_source(stop_token(), when) {}

  /// Stops after `timeout`, or when `parent` is stopped, whichever comes first.
  template <class Rep, class Period>
  deadline_source(const stop_token& parent, const std::chrono::duration<Rep, Period>& timeout)
      : link_({parent}) {
    arm(detail::deadline_after(timeout));
  }

  template <class Clock, class Duration>
  deadline_source(const stop_token& parent, const std::chrono::time_point<Clock, Duration>& when)
      : link_({parent}) {
    if constexpr (std::is_same_v<Clock, std::chrono::steady_clock>) {
      arm(std::chrono::time_point_cast<std::chrono::steady_clock::duration>(when));
    } else {
      arm(detail::deadline_after(when - Clock::now()));
    }
  }

  deadline_source(deadline_source&& other) noexcept
      : link_(std::move(other.link_)),
        when_(other.when_),
        timer_(std::exchange(other.timer_, detail::timer_id{})) {}
  deadline_source& operator=(deadline_source&& other) noexcept {
    if (this != &other) {
      detail::cancel_timer(std::exchange(timer_, detail::timer_id{}));
      link_ = std::move(other.link_);
      when_ = other.when_;
      timer_ = std::exchange(other.timer_, detail::timer_id{});
    }
    return *this;
  }
  deadline_source(const deadline_source&) = delete;
  deadline_source& operator=(const deadline_source&) = delete;

  /// Cancels the timer (waiting for it if it is firing on the timer thread right now),
  /// so that the cause record can be forgotten safely.
  ~deadline_source() { detail::cancel_timer(timer_); }

  /// The steady-clock time at which the stop is requested (time_point::max(): never).
  [[nodiscard]] std::chrono::steady_clock::time_point deadline() const noexcept { return when_; }

  [[nodiscard]] stop_token get_token() const noexcept { return link_.get_token(); }
  [[nodiscard]] stop_source get_stop_source() const noexcept { return link_.get_stop_source(); }
  [[nodiscard]] bool stop_requested() const noexcept { return link_.stop_requested(); }
  bool request_stop() noexcept { return link_.request_stop(); }
  bool request_stop(std::exception_ptr cause) noexcept {
    return link_.request_stop(std::move(cause));
  }
  template <class E, std::enable_if_t<!std::is_same_v<std::decay_t<E>, std::exception_ptr>,
                                      int> = 0>
  bool request_stop(E&& e) noexcept {
    return link_.request_stop(std::forward<E>(e));
  }
  [[nodiscard]] std::exception_ptr cause() const noexcept { return link_.cause(); }

 private:
  struct expire {
    stop_source source;
    void operator()() const {
      if (source.stop_requested()) return;
      try {
        detail::record_stop_cause(detail::stop_state_key(source.get_token()),
                                  std::make_exception_ptr(deadline_exceeded()));
      } catch (...) {
      }
      stop_source(source).request_stop();
    }
  };

  void arm(std::chrono::steady_clock::time_point when) {
    when_ = when;
    if (link_.stop_requested() || when == std::chrono::steady_clock::time_point::max()) return;
    if (when <= std::chrono::steady_clock::now()) {
      expire{link_.get_stop_source()}();
      return;
    }
    timer_ = detail::schedule_timer(when, expire{link_.get_stop_source()});
  }

  linked_stop_source link_;
  std::chrono::steady_clock::time_point when_{};
  detail::timer_id timer_{};
};

}  // namespace threadlife

#endif
