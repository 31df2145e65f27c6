// threadlife/detail/completion_flag.hpp - a one-shot "it has finished" flag.
//
// The stop state sets one of these when a callback returns, so that a stop_callback
// destroyed on another thread can block until its callback is done. Setting is a plain
// release store: the stop state knows, under its lock, whether anybody waits, and only
// then calls wake_all(), so the common case (nobody waiting) costs no read-modify-write
// and no system call.
//
// Guarantees: set() happens-before the return of every wait() that observes it.
// wake_all() takes the flag's address, not the object: the waiter may return and destroy
// the flag as soon as set() is visible, and on Linux the wake only hands the address to
// the kernel, which is harmless after that.
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

  // Marks the work done. Does not wake anybody: see wake_all().
  void set() noexcept { state_.store(set_, std::memory_order_release); }

  // Blocks until set() has been called (and, if it blocked, wake_all() too).
  void wait() noexcept {
    while (state_.load(std::memory_order_acquire) != set_) block_while(&state_, pending_);
  }

  using address = std::atomic<std::uint32_t>*;
  address wake_address() noexcept { return &state_; }

  // Wakes every thread blocked in wait() on the flag at `where`; call after set().
  static void wake_all(address where) noexcept { wake(where); }

 private:
  static constexpr std::uint32_t pending_ = 0;
  static constexpr std::uint32_t set_ = 1;

#if defined(__linux__)
  // The futex word is the atomic itself; the kernel compares it with `expected` before
  // sleeping, so a set() between our load and the call cannot be missed.
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected,
              nullptr, nullptr, 0);
  }
  static void wake(std::atomic<std::uint32_t>* word) noexcept {
    ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), FUTEX_WAKE_PRIVATE, INT32_MAX,
              nullptr, nullptr, 0);
  }
#elif defined(__cpp_lib_atomic_wait)
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    word->wait(expected, std::memory_order_acquire);
  }
  static void wake(std::atomic<std::uint32_t>* word) noexcept { word->notify_all(); }
#else
  // No portable way to sleep on an address before C++20: yield the processor instead.
  static void block_while(std::atomic<std::uint32_t>* word, std::uint32_t expected) noexcept {
    while (word->load(std::memory_order_acquire) == expected) std::this_thread::yield();
  }
  static void wake(std::atomic<std::uint32_t>*) noexcept {}
#endif

  std::atomic<std::uint32_t> state_{pending_};
};

}  // namespace threadlife::detail

#endif
