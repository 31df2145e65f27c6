// threadlife/jthread.hpp - a thread that stops and joins itself.
//
// threadlife::jthread has the whole interface of C++20's std::jthread, in C++17 too:
//  - if the callable accepts a stop_token as its first argument, it gets one;
//  - destroying or move-assigning over a joinable jthread requests the stop, then joins;
//  - joining from the thread itself throws std::system_error with
//    resource_deadlock_would_occur.
// and adds what no standard thread has:
//  - join_for(d) / join_until(t): a join that gives up after a while and says so;
//  - set_name(name): a name shown by debuggers, `top -H` and `ps -L`;
//  - a place in the leak report (leak_report.hpp) for as long as the thread runs, detached
//    or not: under its set_name() name, "jthread" until then. The constructor keeps
//    std::jthread's signature, so it cannot capture where it was called; a callable
//    wrapped in tracked(name, f) brings its name and that place along:
//
//      threadlife::jthread t(threadlife::tracked("poller", poll));  // "poller", file:line
#ifndef THREADLIFE_JTHREAD_HPP
#define THREADLIFE_JTHREAD_HPP

#include <chrono>
#include <functional>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/detail/thread_exit.hpp>
#include <threadlife/leak_report.hpp>
#include <threadlife/stop_token.hpp>
#include <threadlife/thread_name.hpp>

namespace threadlife {

class jthread {
 public:
  using id = std::thread::id;
  using native_handle_type = std::thread::native_handle_type;

  /// No thread and no stop state: joinable() and get_stop_source().stop_possible() are
  /// false.
  jthread() noexcept : source_(nostopstate) {}

  /// Starts a thread running `invoke(f', get_stop_token(), args'...)` if that is
  /// well-formed, else `invoke(f', args'...)`, where f' and args' are copies made (and
  /// whose exceptions are thrown) in the calling thread. An exception escaping the callable
  /// calls std::terminate. The thread is listed in the leak report until it ends: as
  /// "jthread" with no known place, or with the name and place of a tracked() callable.
  template <class F, class... Args,
            std::enable_if_t<!std::is_same_v<std::remove_cv_t<std::remove_reference_t<F>>,
                                             jthread>,
                             int> = 0>
  explicit jthread(F&& f, Args&&... args) {
    // The Mandates of [thread.jthread.cons]: the thread gets decayed copies of f and args,
    // made here from what was passed, and calls them with or without a leading token.
    static_assert(std::is_constructible_v<std::decay_t<F>, F>,
                  "jthread: the callable cannot be copied or moved into the thread from "
                  "what was passed (is_constructible_v<decay_t<F>, F> is false)");
    static_assert((std::is_constructible_v<std::decay_t<Args>, Args> && ...),
                  "jthread: an argument cannot be copied or moved into the thread from "
                  "what was passed (is_constructible_v<decay_t<Arg>, Arg> is false)");
    static_assert(std::is_invocable_v<std::decay_t<F>, stop_token, std::decay_t<Args>...> ||
                      std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "jthread: the callable cannot be called with these arguments, with or "
                  "without a leading stop_token");
    // Only a constructor that meets them goes on, so that a violation shows the messages
    // above and not the errors of std::thread's internals.
    if constexpr (std::is_constructible_v<std::decay_t<F>, F> &&
                  (std::is_constructible_v<std::decay_t<Args>, Args> && ...)) {
      start(std::forward<F>(f), std::forward<Args>(args)...);
    }
  }

  /// If joinable: requests the stop, then joins.
  ~jthread() { stop_and_join(); }

  jthread(const jthread&) = delete;
  jthread& operator=(const jthread&) = delete;

  jthread(jthread&& other) noexcept
      : source_(std::move(other.source_)),
        thread_(std::move(other.thread_)),
        exit_(std::exchange(other.exit_, nullptr)) {}

  /// If joinable: requests the stop and joins first. Self-assignment does nothing.
  jthread& operator=(jthread&& other) noexcept {
    if (this != &other) {
      stop_and_join();
      jthread(std::move(other)).swap(*this);
    }
    return *this;
  }

  void swap(jthread& other) noexcept {
    std::swap(source_, other.source_);
    std::swap(thread_, other.thread_);
    std::swap(exit_, other.exit_);
  }
  friend void swap(jthread& a, jthread& b) noexcept { a.swap(b); }

  [[nodiscard]] bool joinable() const noexcept { return thread_.joinable(); }

  /// Blocks until the thread has finished. Throws std::system_error: invalid_argument if
  /// not joinable, resource_deadlock_would_occur if called from the thread itself.
  void join() {
    // Checked here, not left to pthread_join's EDEADLK: a self-join must not
    // reach the platform's join at all (ThreadSanitizer aborts on one).
    check_joinable_from_here();
    thread_.join();
    release_exit();
  }

  /// Like join(), but gives up at `deadline`. Returns true if the thread finished and was
  /// joined (joinable() is then false), false if it is still running. Throws as join().
  template <class Clock, class Duration>
  bool join_until(const std::chrono::time_point<Clock, Duration>& deadline) {
    check_joinable_from_here();
    if (!exit_->wait_until(deadline)) return false;
    // The thread has only its exit left, so this join is short.
    join();
    return true;
  }

  /// join_until(now + timeout); a huge timeout such as duration::max() means forever.
  template <class Rep, class Period>
  bool join_for(const std::chrono::duration<Rep, Period>& timeout) {
    return join_until(detail::deadline_after(timeout));
  }

  /// Lets the thread run on alone; joinable() becomes false. Throws std::system_error
  /// (invalid_argument) if not joinable.
  void detach() {
    thread_.detach();
    release_exit();
  }

  [[nodiscard]] id get_id() const noexcept { return thread_.get_id(); }
  [[nodiscard]] native_handle_type native_handle() { return thread_.native_handle(); }
  [[nodiscard]] static unsigned int hardware_concurrency() noexcept {
    return std::thread::hardware_concurrency();
  }

  [[nodiscard]] stop_source get_stop_source() noexcept { return source_; }
  [[nodiscard]] stop_token get_stop_token() const noexcept { return source_.get_token(); }
  /// Same as get_stop_source().request_stop().
  bool request_stop() noexcept { return source_.request_stop(); }

  /// Names the thread (at most 15 bytes on Linux; longer names are cut) and its leak
  /// report entry (the whole name). Returns false if not joinable or if the platform
  /// refused.
  bool set_name(std::string_view name) noexcept {
    if (!joinable()) return false;
    exit_->rename(name);
    return set_thread_name(thread_.native_handle(), name);
  }

 private:
  // The constructor's work, once its Mandates hold.
  template <class F, class... Args>
  void start(F&& f, Args&&... args) {
    using fn = std::decay_t<F>;
    exit_ = detail::thread_exit::create();
    try {
      exit_->adopt_listing(listing_of(f));
      thread_ = std::thread(&run<fn, std::decay_t<Args>...>, exit_, source_.get_token(),
                            std::forward<F>(f), std::forward<Args>(args)...);
    } catch (...) {
      exit_->release();  // both references: the thread never started (this unlists it)
      exit_->release();
      exit_ = nullptr;
      throw;
    }
  }

  template <class Fn, class... Args>
  static void run(detail::thread_exit* exit, stop_token token, Fn&& fn,
                  Args&&... args) noexcept {
    exit->arm_on_this_thread();
    if constexpr (std::is_invocable_v<Fn, stop_token, Args...>) {
      std::invoke(std::move(fn), std::move(token), std::move(args)...);
    } else {
      std::invoke(std::move(fn), std::move(args)...);
    }
  }

  // The leak report entry for a thread running `f`: the one a tracked() callable made in
  // the caller (taken over, so it is not listed twice), else a new one.
  template <class F>
  static void* listing_of(F& f) {
    if constexpr (detail::is_tracked_callable<std::remove_cv_t<F>>::value &&
                  !std::is_const_v<F>) {
      return f.release_listing();
    } else {
      return detail::list_thread("jthread", creation_site{});
    }
  }

  void check_joinable_from_here() const {
    if (!joinable()) throw std::system_error(std::make_error_code(std::errc::invalid_argument));
    if (get_id() == std::this_thread::get_id()) {
      throw std::system_error(std::make_error_code(std::errc::resource_deadlock_would_occur));
    }
  }

  void release_exit() noexcept {
    if (exit_ != nullptr) std::exchange(exit_, nullptr)->release();
  }

  void stop_and_join() noexcept {
    if (joinable()) {
      request_stop();
      join();  // Cannot throw: joinable, and a thread cannot destroy its own jthread and
               // expect to live (std::jthread calls terminate there too).
    }
  }

  stop_source source_;
  std::thread thread_;
  detail::thread_exit* exit_ = nullptr;
};

}  // namespace threadlife

#endif
