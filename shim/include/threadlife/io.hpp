// threadlife/io.hpp (POSIX) - waiting for a file descriptor in a way a stop request ends.
//
// A thread blocked in read(), accept() or poll() does not see its stop token: the classic
// "my thread cannot be stopped while it waits for the network". Wait first, then read:
//
//   while (threadlife::wait_readable(sock, token) == threadlife::io_status::ready) {
//     ssize_t n = ::read(sock, buf, sizeof buf);   // does not block: data or EOF is there
//     ...
//   }                                               // left at once on request_stop()
//
// The wait is one poll() on the descriptor and on a per-thread eventfd (a self-pipe where
// there is no eventfd) that a stop_callback signals. No signals, no pthread_cancel: the
// thread leaves the wait by returning, with every lock and object intact.
//
// Errors: the overloads without an error_code throw std::system_error; those with one
// are noexcept, set it, and then return io_status::ready, so that a loop that ignores it
// goes on to its read or write, which fails with the same descriptor error. A descriptor
// in an error or hang-up state counts as ready for the same reason: the read or write
// that follows says what happened (EOF, ECONNRESET, EPIPE).
#ifndef THREADLIFE_IO_HPP
#define THREADLIFE_IO_HPP

#include <chrono>
#include <system_error>

#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/detail/waker.hpp>

namespace threadlife {

/// What ended a wait.
enum class io_status {
  ready,      ///< the descriptor can be read (or written) without blocking
  stopped,    ///< a stop was requested on the token (checked first: wins over ready)
  timed_out,  ///< the timeout passed first
};

namespace detail {

enum class io_direction : short { read, write };

// The poll itself: waits on `fd` and, if `w` is not null, on the waker. Compiled once; it
// knows nothing of stop tokens. `forever` ignores `deadline`.
io_status poll_fd(int fd, io_direction direction, waker* w, bool forever,
                  std::chrono::steady_clock::time_point deadline, std::error_code& ec) noexcept;

}  // namespace detail
}  // namespace threadlife

// The compiled part of the library is built once for every stop-token choice, so it must
// see nothing that depends on one: THREADLIFE_COMPILED_PART, defined for it alone, hides
// the rest of this header.
#if !defined(THREADLIFE_COMPILED_PART)

#include <threadlife/stop_token.hpp>

namespace threadlife {
namespace detail {

struct signal_waker {
  waker* w;
  void operator()() const noexcept { w->signal(); }
};

inline io_status wait_fd(int fd, io_direction direction, const stop_token& token, bool forever,
                         std::chrono::steady_clock::time_point deadline,
                         std::error_code& ec) noexcept {
  ec.clear();
  if (token.stop_requested()) return io_status::stopped;
  if (!token.stop_possible()) return poll_fd(fd, direction, nullptr, forever, deadline, ec);
  waker* w = this_thread_waker(ec);
  if (w == nullptr) return io_status::ready;
  w->drain();  // an earlier wait's callback may have signalled after that wait returned
  stop_callback<signal_waker> wake(token, signal_waker{w});
  const io_status status = poll_fd(fd, direction, w, forever, deadline, ec);
  // The waker may have fired without a stop on this token (a leftover signal is drained
  // above, so this is only a guard); the token is what counts.
  if (token.stop_requested()) return io_status::stopped;
  return status == io_status::stopped ? wait_fd(fd, direction, token, forever, deadline, ec)
                                      : status;
}

inline io_status throw_on_error(io_status status, const std::error_code& ec, const char* what) {
  if (ec) throw std::system_error(ec, what);
  return status;
}

}  // namespace detail

/// Waits until `fd` is readable, a stop is requested on `token`, or `timeout` passes. A
/// zero or negative timeout polls once; duration::max() waits without a timeout. Throws
/// std::system_error on failure (EBADF for a closed descriptor, EINVAL, ENOMEM).
template <class Rep, class Period>
io_status wait_readable(int fd, const stop_token& token,
                        const std::chrono::duration<Rep, Period>& timeout) {
  std::error_code ec;
  const io_status s = detail::wait_fd(fd, detail::io_direction::read, token, false,
                                      detail::deadline_after(timeout), ec);
  return detail::throw_on_error(s, ec, "threadlife::wait_readable");
}

/// As above, without a timeout.
inline io_status wait_readable(int fd, const stop_token& token) {
  std::error_code ec;
  const io_status s =
      detail::wait_fd(fd, detail::io_direction::read, token, true, {}, ec);
  return detail::throw_on_error(s, ec, "threadlife::wait_readable");
}

/// As above, reporting failure in `ec` (then returning io_status::ready) instead of
/// throwing.
template <class Rep, class Period>
io_status wait_readable(int fd, const stop_token& token,
                        const std::chrono::duration<Rep, Period>& timeout,
                        std::error_code& ec) noexcept {
  return detail::wait_fd(fd, detail::io_direction::read, token, false,
                         detail::deadline_after(timeout), ec);
}

inline io_status wait_readable(int fd, const stop_token& token, std::error_code& ec) noexcept {
  return detail::wait_fd(fd, detail::io_direction::read, token, true, {}, ec);
}

/// Waits until `fd` is writable; otherwise the same as wait_readable().
template <class Rep, class Period>
io_status wait_writable(int fd, const stop_token& token,
                        const std::chrono::duration<Rep, Period>& timeout) {
  std::error_code ec;
  const io_status s = detail::wait_fd(fd, detail::io_direction::write, token, false,
                                      detail::deadline_after(timeout), ec);
  return detail::throw_on_error(s, ec, "threadlife::wait_writable");
}

inline io_status wait_writable(int fd, const stop_token& token) {
  std::error_code ec;
  const io_status s =
      detail::wait_fd(fd, detail::io_direction::write, token, true, {}, ec);
  return detail::throw_on_error(s, ec, "threadlife::wait_writable");
}

template <class Rep, class Period>
io_status wait_writable(int fd, const stop_token& token,
                        const std::chrono::duration<Rep, Period>& timeout,
                        std::error_code& ec) noexcept {
  return detail::wait_fd(fd, detail::io_direction::write, token, false,
                         detail::deadline_after(timeout), ec);
}

inline io_status wait_writable(int fd, const stop_token& token, std::error_code& ec) noexcept {
  return detail::wait_fd(fd, detail::io_direction::write, token, true, {}, ec);
}

}  // namespace threadlife

#endif  // !THREADLIFE_COMPILED_PART

#endif
