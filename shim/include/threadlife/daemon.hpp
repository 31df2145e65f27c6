// threadlife/daemon.hpp - background threads that are stopped and joined at exit.
//
// Python's daemon=True threads are killed abruptly when the interpreter exits, in the
// middle of whatever they were writing; a detached C++ thread is worse: it keeps running
// while static objects are destroyed under it, and the process may crash on its way out.
// A threadlife daemon is asked to stop instead, and waited for:
//
//   threadlife::daemon("flusher", [](threadlife::stop_token token) {
//     while (threadlife::sleep_for(token, 1s)) flush_metrics();
//     flush_metrics();                     // the last flush happens; nothing is cut off
//   });
//
// At threadlife::shutdown(timeout), and by default at exit(), every daemon is asked to
// stop (its token), then all are joined against one deadline. A daemon that has not
// finished by then is named on standard error (at exit) or in the returned list, and left
// running: the process neither crashes nor hangs on its account.
//
// The exit-time shutdown runs from an atexit handler registered by the first daemon, so
// it runs before the static objects built before that daemon are destroyed. It never
// joins a thread that has not finished (joins are against the deadline only), and a
// daemon that calls exit() itself is not waited for.
#ifndef THREADLIFE_DAEMON_HPP
#define THREADLIFE_DAEMON_HPP

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <threadlife/detail/saturating_deadline.hpp>

namespace threadlife {

namespace detail {

// A daemon as the compiled registry sees it: no stop token type in sight.
class daemon_entry {
 public:
  explicit daemon_entry(std::string name) : name_(std::move(name)) {}
  virtual ~daemon_entry() = default;
  const std::string& name() const noexcept { return name_; }
  virtual void request_stop() noexcept = 0;
  virtual bool join_until(std::chrono::steady_clock::time_point deadline) = 0;
  virtual void detach() noexcept = 0;
  virtual std::thread::id id() const noexcept = 0;

 private:
  std::string name_;
};

// False (and the entry is dropped) once the exit-time shutdown has begun.
bool add_daemon(std::unique_ptr<daemon_entry> entry);
std::vector<std::string> shutdown_daemons(std::chrono::steady_clock::time_point deadline);
std::vector<std::string> daemon_names();
void report_daemon_exception(const std::string& name, std::exception_ptr error) noexcept;

}  // namespace detail

/// Asks every daemon to stop, then joins them all against one deadline, `timeout` from
/// now. Returns the names of those that did not finish in time; they are left running,
/// detached. Daemons may be started again afterwards.
template <class Rep, class Period>
std::vector<std::string> shutdown(const std::chrono::duration<Rep, Period>& timeout) {
  return detail::shutdown_daemons(detail::deadline_after(timeout));
}

/// The names of the daemons that have been started and not yet joined.
inline std::vector<std::string> running_daemons() { return detail::daemon_names(); }

/// How long the exit-time shutdown waits for daemons (1 s unless set). Zero still asks
/// them to stop, and reports every one that is still running.
void set_exit_timeout(std::chrono::milliseconds timeout) noexcept;

}  // namespace threadlife

// The compiled part of the library is built once for every stop-token choice, so it must
// see nothing that depends on one: THREADLIFE_COMPILED_PART, defined for it alone, hides
// the rest of this header.
#if !defined(THREADLIFE_COMPILED_PART)

#include <threadlife/jthread.hpp>
#include <threadlife/leak_report.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {
namespace detail {

class jthread_daemon final : public daemon_entry {
 public:
  explicit jthread_daemon(std::string name) : daemon_entry(std::move(name)) {}
  void start(jthread thread) noexcept { thread_ = std::move(thread); }
  void request_stop() noexcept override { thread_.request_stop(); }
  bool join_until(std::chrono::steady_clock::time_point deadline) override {
    return !thread_.joinable() || thread_.join_until(deadline);
  }
  void detach() noexcept override {
    if (thread_.joinable()) thread_.detach();
  }
  std::thread::id id() const noexcept override { return thread_.get_id(); }

 private:
  jthread thread_;
};

}  // namespace detail

/// Starts `f` on a background thread named `name`: `f(token)` if f takes a stop_token,
/// else `f()`. An exception escaping f is printed with the daemon's name and ends only
/// that thread. Returns false once the process has begun exiting: the thread is then
/// asked to stop at once and waited for, up to the exit timeout.
/// Throws std::system_error if the thread cannot be started.
template <class F>
bool daemon(std::string name, F&& f, creation_site where = creation_site::current()) {
  using fn = std::decay_t<F>;
  static_assert(std::is_invocable_v<fn, stop_token> || std::is_invocable_v<fn>,
                "daemon: f must be callable with a stop_token or with nothing");
  auto entry = std::make_unique<detail::jthread_daemon>(name);
  auto body = [name, f = fn(std::forward<F>(f))](stop_token token) mutable noexcept {
    try {
      if constexpr (std::is_invocable_v<fn, stop_token>) {
        std::invoke(f, std::move(token));
      } else {
        std::invoke(f);
      }
    } catch (...) {
      detail::report_daemon_exception(name, std::current_exception());
    }
  };
  jthread thread(tracked(name, std::move(body), where));
  thread.set_name(name);
  entry->start(std::move(thread));
  return detail::add_daemon(std::move(entry));
}

}  // namespace threadlife

#endif  // !THREADLIFE_COMPILED_PART

#endif
