// threadlife/stop_cause.hpp - why a stop was requested (Go's context.Cause).
//
// A stop token says that a stop was requested, never why: the user pressed cancel, a
// deadline passed, a sibling thread failed. stop_source_with_cause records the why next
// to the request, and stop_cause(token) reads it from any token of that stop state, the
// standard's std::stop_token included: nothing is added to the token types.
//
//   threadlife::stop_source_with_cause source;
//   start_worker(source.get_token());                       // a plain stop_token
//   source.request_stop(std::runtime_error("user cancelled"));
//   ...
//   // in the worker:
//   if (std::exception_ptr cause = threadlife::stop_cause(token)) {
//     try { std::rethrow_exception(cause); }
//     catch (const std::exception& e) { log(e.what()); }               // "user cancelled"
//   }
//
// The cause is an exception_ptr, null if none was recorded: any exception, rethrown to be
// read, as Go's cause is any error.
// deadline_source records deadline_exceeded; thread_scope records the exception that
// failed a child. A cause lives as long as the source object that recorded it.
#ifndef THREADLIFE_STOP_CAUSE_HPP
#define THREADLIFE_STOP_CAUSE_HPP

#include <cstdint>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace threadlife {

/// The cause recorded when a deadline_source's time runs out.
class deadline_exceeded : public std::runtime_error {
 public:
  deadline_exceeded() : std::runtime_error("deadline exceeded") {}
};

namespace detail {

// The process-wide table of causes, compiled once. The first cause recorded for a key
// stays; forget() is called by the recorder before the state can be freed, so a key is
// never reused while it has an entry.
bool record_stop_cause(std::uintptr_t key, std::exception_ptr cause);
std::exception_ptr find_stop_cause(std::uintptr_t key) noexcept;
void forget_stop_cause(std::uintptr_t key) noexcept;

}  // namespace detail
}  // namespace threadlife

// The compiled part of the library is built once for every stop-token choice, so it must
// see nothing that depends on one: THREADLIFE_COMPILED_PART, defined for it alone, hides
// the rest of this header.
#if !defined(THREADLIFE_COMPILED_PART)

#include <threadlife/stop_token.hpp>

namespace threadlife {
namespace detail {

// A number that names a stop state while some token or source keeps it alive: the bits
// of a token, which are one pointer to the state in both the standard libraries
// (libstdc++, libc++) and the shim's own implementation.
inline std::uintptr_t stop_state_key(const stop_token& token) noexcept {
  static_assert(sizeof(stop_token) == sizeof(std::uintptr_t),
                "stop_token is expected to be one pointer to its stop state");
  std::uintptr_t key = 0;
  std::memcpy(&key, reinterpret_cast<const unsigned char*>(&token), sizeof key);
  return key;
}

}  // namespace detail

/// The cause recorded for the stop state of `token`, or a null exception_ptr if none was
/// recorded (no stop yet, a stop without a cause, or the recording source is gone).
inline std::exception_ptr stop_cause(const stop_token& token) noexcept {
  if (!token.stop_requested()) return nullptr;
  return detail::find_stop_cause(detail::stop_state_key(token));
}

/// A stop_source whose request_stop can say why. Move-only: the object owns the record
/// of the cause, which is forgotten when it is destroyed.
class stop_source_with_cause {
 public:
  /// A new stop state.
  stop_source_with_cause() = default;

  stop_source_with_cause(stop_source_with_cause&&) noexcept = default;
  stop_source_with_cause& operator=(stop_source_with_cause&& other) noexcept {
    if (this != &other) {
      forget();
      source_ = std::move(other.source_);
    }
    return *this;
  }
  stop_source_with_cause(const stop_source_with_cause&) = delete;
  stop_source_with_cause& operator=(const stop_source_with_cause&) = delete;
  ~stop_source_with_cause() { forget(); }

  [[nodiscard]] stop_token get_token() const noexcept { return source_.get_token(); }
  /// A plain source for the same state; its request_stop() records no cause.
  [[nodiscard]] stop_source get_stop_source() const noexcept { return source_; }
  [[nodiscard]] bool stop_requested() const noexcept { return source_.stop_requested(); }

  /// Requests the stop without a cause.
  bool request_stop() noexcept { return source_.request_stop(); }

  /// Records `cause`, then requests the stop, so that every callback and every woken
  /// thread can read it. Returns what request_stop() returns. If a stop was requested
  /// already, nothing is recorded; if several race, the first cause recorded stays.
  bool request_stop(std::exception_ptr cause) noexcept {
    if (source_.stop_requested()) return false;
    if (cause) {
      try {
        detail::record_stop_cause(key(), std::move(cause));
      } catch (...) {
        // No memory for the record: the stop itself matters more than its reason.
      }
    }
    return source_.request_stop();
  }

  /// request_stop(std::make_exception_ptr(e)).
  template <class E, std::enable_if_t<!std::is_same_v<std::decay_t<E>, std::exception_ptr>,
                                      int> = 0>
  bool request_stop(E&& e) noexcept {
    return request_stop(std::make_exception_ptr(std::forward<E>(e)));
  }

  /// The recorded cause; null if none.
  [[nodiscard]] std::exception_ptr cause() const noexcept { return stop_cause(get_token()); }

 private:
  std::uintptr_t key() const noexcept { return detail::stop_state_key(source_.get_token()); }
  void forget() noexcept {
    if (source_.stop_possible()) detail::forget_stop_cause(key());
  }

  stop_source source_;
};

}  // namespace threadlife

#endif  // !THREADLIFE_COMPILED_PART

#endif
