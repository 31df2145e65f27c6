// threadlife/detail/completion_flag.hpp - a one-shot "it has finished" flag.
//
// The stop state sets one of these when a callback returns, so that a stop_callback
// destroyed on another thread can block until its callback is done. Setting costs one
// atomic exchange; the kernel is entered only when somebody is actually waiting, which
// in practice is almost never.
//
// Guarantees: set() happens-before the return of every wait() that observes it. set() may
// be followed at once by the destruction of the flag on the waiting thread: after its
// exchange, set() only passes the flag's address to the kernel and never reads the object.
#ifndef THREADLIFE_DETAIL_COMPLETION_FLAG_HPP
#define THREADLIFE_DETAIL_COMPLETION_FLAG_HPP

#include <atomic>
#include <cstdint>
#include <thread>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace threadlife::detail {

class completion_flag {
 public:
  completion_flag() noexcept = default;
  completion_flag(const completion_flag&) = delete;
  completion_flag& operator=(const completion_flag&) = delete;

  bool is_set() const noexcept { return state_.load(std::memory_order_acquire) == set_; }

  // Marks the work done and wakes every waiter.
  void set() noexcept {
    if (state_.exchange(set_, std::memory_order_acq_rel) == waited_on_) wake_all(&state_);
  }

  // Blocks until set() has been called.
  void wait() noexcept {
    std::uint32_t seen = state_.load(std::memory_order_acquire);
    while (seen != set_) {
      // Announce the waiter first so that set() knows the kernel must be entered.
      if (seen == pending_ &&
          !state_.compare_exchange_weak(seen, waited_on_, std::memory_order_acquire)) {
        continue;
      }
      block_while(&state_, waited_on_);
      seen = state_.load(std::memory_order_acquire);
    }
  }

 private:
  static constexpr std::uint32_t pending_ = 0;
  static constexpr std::uint32_t set_ = 1;
  static constexpr std::uint32_t waited_on_ = 2;

#if defined(__linux__)
  // The futex word is the atomic itself; the kernel compares it with `expected` before
  // sleeping, so a set() between our load and the call cannot be missed.
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected,
              nullptr, nullptr, 0);
  }
  static void wake_all(std::atomic<std::uint32_t>* word) noexcept {
    ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, INT32_MAX,
              nullptr, nullptr, 0);
  }
#elif defined(__cpp_lib_atomic_wait)
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    word->wait(expected, std::memory_order_acquire);
  }
  static void wake_all(std::atomic<std::uint32_t>* word) noexcept { word->notify_all(); }
#else
  // No portable way to sleep on an address before C++20: yield the processor instead.
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    while (word->load(std::memory_order_acquire) == expected) std::this_thread::yield();
  }
  static void wake_all(std::atomic<std::uint32_t>*) noexcept {}
#endif

  std::atomic<std::uint32_t> state_{pending_};
};

}  // namespace threadlife::detail

#endif
