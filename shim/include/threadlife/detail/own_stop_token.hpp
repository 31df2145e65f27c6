// threadlife/detail/own_stop_token.hpp - the shim's own stop_token, stop_source and
// stop_callback, with the semantics of [thread.stoptoken] in C++20.
//
// Included by <threadlife/stop_token.hpp> when the standard library has none (C++17) or
// when THREADLIFE_OWN_STOP_TOKEN is defined. Include that header, not this one.
#ifndef THREADLIFE_DETAIL_OWN_STOP_TOKEN_HPP
#define THREADLIFE_DETAIL_OWN_STOP_TOKEN_HPP

#include <type_traits>
#include <utility>

#include <threadlife/detail/callback_list.hpp>
#include <threadlife/detail/stop_state.hpp>

namespace threadlife {

template <class Callback>
class stop_callback;

/// Tag for a stop_source that owns no stop state: `stop_source src(nostopstate);`
/// allocates nothing, and src.stop_possible() is false.
struct nostopstate_t {
  explicit nostopstate_t() = default;
};
inline constexpr nostopstate_t nostopstate{};

/// The receiving side of a stop request: cheap to copy, can only ask whether a stop was
/// requested and register stop_callbacks. Copies share one stop state.
class stop_token {
 public:
  /// A token with no stop state: stop_possible() and stop_requested() are false.
  stop_token() noexcept = default;

  /// Copies share the stop state; a moved-from token has none.
  stop_token(const stop_token& other) noexcept : state_(other.state_) {
    if (state_ != nullptr) state_->add_ref();
  }
  stop_token(stop_token&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  stop_token& operator=(const stop_token& other) noexcept {
    stop_token(other).swap(*this);
    return *this;
  }
  stop_token& operator=(stop_token&& other) noexcept {
    stop_token(std::move(other)).swap(*this);
    return *this;
  }
  ~stop_token() {
    if (state_ != nullptr) state_->release_ref();
  }

  void swap(stop_token& other) noexcept { std::swap(state_, other.state_); }

  /// True once request_stop() was called on an associated stop_source. A true result
  /// synchronizes with that call: what the requester did before is visible.
  [[nodiscard]] bool stop_requested() const noexcept {
    return state_ != nullptr && state_->stop_requested();
  }

  /// False if there is no stop state, or if no stop was requested and no stop_source is
  /// left that could request one. A loop may use this to skip stop handling altogether.
  [[nodiscard]] bool stop_possible() const noexcept {
    return state_ != nullptr && state_->stop_possible();
  }

  /// Equal when both have no stop state or both share the same one.
  [[nodiscard]] friend bool operator==(const stop_token& a, const stop_token& b) noexcept {
    return a.state_ == b.state_;
  }
  [[nodiscard]] friend bool operator!=(const stop_token& a, const stop_token& b) noexcept {
    return a.state_ != b.state_;
  }
  friend void swap(stop_token& a, stop_token& b) noexcept { a.swap(b); }

 private:
  friend class stop_source;
  template <class>
  friend class stop_callback;

  // Takes over one reference that the caller already counted.
  explicit stop_token(detail::stop_state* adopted) noexcept : state_(adopted) {}

  detail::stop_state* state_ = nullptr;
};

/// The requesting side: creates a stop state, hands out tokens, and requests the stop.
/// Copies share the stop state and each counts as a source (see stop_token::stop_possible).
class stop_source {
 public:
  /// Creates a new stop state. Throws std::bad_alloc if it cannot be allocated.
  stop_source() : state_(new detail::stop_state) {}

  /// A source with no stop state; allocates nothing.
  explicit stop_source(nostopstate_t) noexcept {}

  /// A copy shares the stop state and counts as one more source; a moved-from source has
  /// no stop state.
  stop_source(const stop_source& other) noexcept : state_(other.state_) {
    if (state_ != nullptr) {
      state_->add_ref();
      state_->add_source();
    }
  }
  stop_source(stop_source&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  stop_source& operator=(const stop_source& other) noexcept {
    stop_source(other).swap(*this);
    return *this;
  }
  stop_source& operator=(stop_source&& other) noexcept {
    stop_source(std::move(other)).swap(*this);
    return *this;
  }
  ~stop_source() {
    if (state_ != nullptr) {
      state_->remove_source();
      state_->release_ref();
    }
  }

  void swap(stop_source& other) noexcept { std::swap(state_, other.state_); }

  /// A token sharing this source's stop state (none if the source has none).
  [[nodiscard]] stop_token get_token() const noexcept {
    if (state_ == nullptr) return stop_token();
    state_->add_ref();
    return stop_token(state_);
  }

  /// True if the source has a stop state, whether or not a stop was requested.
  [[nodiscard]] bool stop_possible() const noexcept { return state_ != nullptr; }

  /// True once request_stop() was called on this or an associated source.
  [[nodiscard]] bool stop_requested() const noexcept {
    return state_ != nullptr && state_->stop_requested();
  }

  /// Requests the stop. Returns true to exactly one caller among all associated sources,
  /// which then runs every registered callback on its own thread before returning. Other
  /// callers return false at once, possibly before those callbacks finished.
  bool request_stop() noexcept { return state_ != nullptr && state_->request_stop(); }

  [[nodiscard]] friend bool operator==(const stop_source& a, const stop_source& b) noexcept {
    return a.state_ == b.state_;
  }
  [[nodiscard]] friend bool operator!=(const stop_source& a, const stop_source& b) noexcept {
    return a.state_ != b.state_;
  }
  friend void swap(stop_source& a, stop_source& b) noexcept { a.swap(b); }

 private:
  detail::stop_state* state_ = nullptr;
};

/// Runs `callback` once when a stop is requested on the token's stop state, for as long
/// as this object lives.
///
/// - If the stop was already requested, the callback runs inline, in the constructor.
/// - Otherwise it runs on the thread whose request_stop() call returns true.
/// - The destructor deregisters it. If the callback is running on another thread at that
///   moment, the destructor waits for it to return, so what the callback uses may be
///   destroyed right after; if it runs on this thread (the callback destroys its own
///   stop_callback), the destructor returns at once.
/// - A callback that exits by an exception calls std::terminate.
template <class Callback>
class [[nodiscard]] stop_callback : private detail::stop_callback_node {
  static_assert(std::is_invocable_v<Callback>, "a stop callback must be callable with no arguments");
  static_assert(std::is_destructible_v<Callback>, "a stop callback must be destructible");

 public:
  using callback_type = Callback;

  /// Stores `callback`, then runs it inline if `token` is already stopped, or else
  /// registers it with the token's stop state (if the token has one).
  template <class C, std::enable_if_t<std::is_constructible_v<Callback, C>, int> = 0>
  explicit stop_callback(const stop_token& token, C&& callback) noexcept(
      std::is_nothrow_constructible_v<Callback, C>)
      : stop_callback_node(&run), callback_(std::forward<C>(callback)) {
    detail::stop_state* state = token.state_;
    if (state == nullptr) return;
    if (state->add_callback(this)) {
      state->add_ref();
      state_ = state;
    } else {
      run(this);
    }
  }

  /// The same, taking over the token's share of the stop state instead of copying it.
  template <class C, std::enable_if_t<std::is_constructible_v<Callback, C>, int> = 0>
  explicit stop_callback(stop_token&& token, C&& callback) noexcept(
      std::is_nothrow_constructible_v<Callback, C>)
      : stop_callback_node(&run), callback_(std::forward<C>(callback)) {
    detail::stop_state* state = token.state_;
    if (state == nullptr) return;
    if (state->add_callback(this)) {
      state_ = std::exchange(token.state_, nullptr);  // the token's reference moves here
    } else {
      run(this);
    }
  }

  /// Deregisters; waits if the callback is running on another thread (see above).
  ~stop_callback() {
    if (state_ != nullptr) {
      state_->remove_callback(this);
      state_->release_ref();
    }
  }

  stop_callback(const stop_callback&) = delete;
  stop_callback(stop_callback&&) = delete;
  stop_callback& operator=(const stop_callback&) = delete;
  stop_callback& operator=(stop_callback&&) = delete;

 private:
  static void run(stop_callback_node* node) noexcept {
    std::forward<Callback>(static_cast<stop_callback*>(node)->callback_)();
  }

  Callback callback_;
  detail::stop_state* state_ = nullptr;
};

template <class Callback>
stop_callback(stop_token, Callback) -> stop_callback<Callback>;

}  // namespace threadlife

#endif
