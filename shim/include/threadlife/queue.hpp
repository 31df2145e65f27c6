// threadlife/queue.hpp - a multi-producer, multi-consumer queue whose blocking calls a stop
// request ends, and whose close() shuts it down after the consumers have drained it.
//
//   threadlife::queue<job> jobs(64);                  // bounded: push waits while 64 wait
//   threadlife::jthread worker([&](threadlife::stop_token token) {
//     while (std::optional<job> j = jobs.pop(token)) run(*j);   // ends on stop or close
//   });
//   jobs.push(token, next());                          // false once closed, or on a stop
//   jobs.close();                                      // pushes fail; pops drain, then end
//
// The worker's loop above is the one a plain queue cannot end: its pop blocks in a
// condition variable wait that only a push wakes. Here a pop, a push into a full queue and
// their timed forms return as soon as a stop is requested on the token they were given.
//
// Two ways to end the consumers, as Python's Queue.shutdown(immediate) has two:
//  - close(): what was pushed is still popped; once the queue is empty, pops return an
//    empty optional instead of blocking. Nothing pushed is lost.
//  - a stop request on a pop's token: that pop returns an empty optional at once, even if
//    items are waiting; they stay in the queue (try_pop() takes them).
//
// A push that fails (closed, stopped, timed out, full for try_push) leaves its argument
// untouched: the caller still has the value and knows it was not pushed.
//
// The token is threadlife::stop_token: std::stop_token under C++20, the shim's own in C++17
// (stop_token.hpp). Every member may be called concurrently from any thread; the queue must
// outlive every call on it.
#ifndef THREADLIFE_QUEUE_HPP
#define THREADLIFE_QUEUE_HPP

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/stop_token.hpp>

namespace threadlife {

template <class T>
class queue {
 public:
  using value_type = T;
  using size_type = std::size_t;

  /// The capacity of a queue that never fills.
  static constexpr size_type unbounded = std::numeric_limits<size_type>::max();

  /// An unbounded queue: pushes never wait.
  queue() = default;

  /// A queue that holds at most `capacity` items; a push waits while it is full. Throws
  /// std::invalid_argument if `capacity` is 0 (no push could ever complete).
  explicit queue(size_type capacity) : capacity_(capacity) {
    if (capacity == 0) throw std::invalid_argument("threadlife::queue: capacity 0");
  }

  queue(const queue&) = delete;
  queue& operator=(const queue&) = delete;

  /// Appends `value`, waiting while the queue is full. Returns true if pushed; false if the
  /// queue is closed or a stop was requested on `token` first (then `value` is untouched).
  bool push(const stop_token& token, const T& value) { return push_with(token, value, forever); }
  bool push(const stop_token& token, T&& value) { return push_with(token, std::move(value), forever); }

  /// As push(token, value), but also gives up at `deadline`.
  template <class U, class Clock, class Duration>
  bool push_until(const stop_token& token, U&& value,
                  const std::chrono::time_point<Clock, Duration>& deadline) {
    return push_with(token, std::forward<U>(value), timed_wait<Clock, Duration>{deadline});
  }

  /// push_until(token, value, now + d); a huge d (duration::max()) means forever.
  template <class U, class Rep, class Period>
  bool push_for(const stop_token& token, U&& value, const std::chrono::duration<Rep, Period>& d) {
    return push_until(token, std::forward<U>(value), detail::deadline_after(d));
  }

  /// Appends `value` if there is room and the queue is open; never waits.
  bool try_push(const T& value) { return try_put(value); }
  bool try_push(T&& value) { return try_put(std::move(value)); }

  /// Takes the oldest item, waiting while the queue is empty. Returns an empty optional if
  /// a stop is requested on `token` (at once, even with items waiting) or if the queue is
  /// closed and empty.
  std::optional<T> pop(const stop_token& token) { return pop_with(token, forever); }

  /// As pop(token), but also gives up at `deadline`.
  template <class Clock, class Duration>
  std::optional<T> pop_until(const stop_token& token,
                             const std::chrono::time_point<Clock, Duration>& deadline) {
    return pop_with(token, timed_wait<Clock, Duration>{deadline});
  }

  /// pop_until(token, now + d); a huge d (duration::max()) means forever.
  template <class Rep, class Period>
  std::optional<T> pop_for(const stop_token& token, const std::chrono::duration<Rep, Period>& d) {
    return pop_until(token, detail::deadline_after(d));
  }

  /// Takes the oldest item if there is one; never waits. Items pushed before close() can
  /// still be taken.
  std::optional<T> try_pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (items_.empty()) return std::nullopt;
    return take(lock);
  }

  /// Closes the queue: every later push fails, waiting pushes return false, and pops
  /// return the items left, then an empty optional instead of waiting. Idempotent.
  void close() noexcept {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      closed_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  [[nodiscard]] bool closed() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return closed_;
  }
  /// The number of items waiting; already stale when it returns, unless the queue is
  /// closed and nobody pops.
  [[nodiscard]] size_type size() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return items_.size();
  }
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] size_type capacity() const noexcept { return capacity_; }

 private:
  // Wakes every waiter when a stop is requested, so that each re-checks its own token. It
  // takes the queue's mutex first: a waiter checks its token under that mutex and then
  // blocks atomically with releasing it, so the wake cannot fall between the two. Waking
  // all, not one, also means that a waiter which leaves for its stop cannot have taken a
  // push's or pop's notify_one from a waiter that stays: that one is woken here as well.
  struct waker {
    queue* owner;
    void operator()() const noexcept {
      { std::lock_guard<std::mutex> serialize(owner->mutex_); }
      owner->not_empty_.notify_all();
      owner->not_full_.notify_all();
    }
  };
  using wake_on_stop = std::optional<stop_callback<waker>>;

  // One blocking step of a wait: returns true if it timed out.
  struct untimed_wait {
    bool operator()(std::condition_variable& cv, std::unique_lock<std::mutex>& lock) const {
      cv.wait(lock);
      return false;
    }
  };
  template <class Clock, class Duration>
  struct timed_wait {
    std::chrono::time_point<Clock, Duration> deadline;
    bool operator()(std::condition_variable& cv, std::unique_lock<std::mutex>& lock) const {
      return cv.wait_until(lock, deadline) == std::cv_status::timeout;
    }
  };
  static constexpr untimed_wait forever{};
  static constexpr int yields_before_blocking = 8;

  template <class U, class Wait>
  bool push_with(const stop_token& token, U&& value, Wait wait) {
    wake_on_stop wake;  // outlives the lock: its destructor may wait for a waker that locks
    std::unique_lock<std::mutex> lock(mutex_);
    auto room = [this] { return !closed_ && items_.size() < capacity_; };
    auto hint = [this] { return count_.load(std::memory_order_relaxed) < capacity_; };
    if (!await(lock, wake, token, not_full_, push_waiters_, room, hint, wait)) return false;
    put(lock, std::forward<U>(value));
    return true;
  }

  template <class Wait>
  std::optional<T> pop_with(const stop_token& token, Wait wait) {
    wake_on_stop wake;
    std::unique_lock<std::mutex> lock(mutex_);
    auto item = [this] { return !items_.empty(); };
    auto hint = [this] { return count_.load(std::memory_order_relaxed) > 0; };
    if (!await(lock, wake, token, not_empty_, pop_waiters_, item, hint, wait)) return std::nullopt;
    return take(lock);
  }

  // Waits under `lock` until ready(), a stop request on `token`, close() or the wait's
  // deadline; returns true if ready() and no stop was requested. The stop callback is
  // registered only if the call must block, and with the mutex released, since a stop
  // already requested runs the waker at once. Before blocking, the call yields a few times
  // while hint() (ready() read without the lock) says no: the other side often pushes or
  // pops within that time, and a block and its wake cost two system calls and two context
  // switches. On a bounded queue that ping-pongs between full and not full, this is the
  // difference between about 1 and 6 million items per second (bench/shim/queue_bench).
  template <class Ready, class Hint, class Wait>
  bool await(std::unique_lock<std::mutex>& lock, wake_on_stop& wake, const stop_token& token,
             std::condition_variable& cv, size_type& waiters, Ready ready, Hint hint, Wait wait) {
    auto ends = [&] { return token.stop_requested() || closed_ || ready(); };
    if (!ends()) {
      lock.unlock();
      for (int i = 0; i < yields_before_blocking && !hint(); ++i) std::this_thread::yield();
      if (token.stop_possible()) wake.emplace(token, waker{this});
      lock.lock();
    }
    while (!ends()) {
      ++waiters;
      const bool timed_out = wait(cv, lock);
      --waiters;
      if (timed_out) break;
    }
    return !token.stop_requested() && ready();
  }

  template <class U>
  bool try_put(U&& value) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (closed_ || items_.size() >= capacity_) return false;
    put(lock, std::forward<U>(value));
    return true;
  }

  // Notifies after unlocking, and only if someone waits: a woken thread then does not
  // block again at once on the mutex, and an uncontended push makes no system call.
  template <class U>
  void put(std::unique_lock<std::mutex>& lock, U&& value) {
    items_.push_back(std::forward<U>(value));
    count_.store(items_.size(), std::memory_order_relaxed);
    const bool wake_popper = pop_waiters_ > 0;
    lock.unlock();
    if (wake_popper) not_empty_.notify_one();
  }

  std::optional<T> take(std::unique_lock<std::mutex>& lock) {
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    count_.store(items_.size(), std::memory_order_relaxed);
    const bool wake_pusher = push_waiters_ > 0;
    lock.unlock();
    if (wake_pusher) not_full_.notify_one();
    return item;
  }

  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<T> items_;
  size_type capacity_ = unbounded;
  size_type pop_waiters_ = 0;
  size_type push_waiters_ = 0;
  bool closed_ = false;
  std::atomic<size_type> count_{0};  // items_.size(), for hint() to read without the lock
};

}  // namespace threadlife

#endif
