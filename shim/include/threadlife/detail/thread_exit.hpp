// threadlife/detail/thread_exit.hpp - a flag a thread raises as the very last thing it does,
// so that a joiner can wait for it with a timeout (std::thread::join has none).
//
// The flag is raised by the destructor of a thread_local that the thread touches before
// running user code. Thread-local objects are destroyed in reverse order of construction,
// so it fires after the user's callable, its arguments, and every thread_local the user
// code created are gone: once the flag is up, join() only waits for the kernel to reap
// the thread.
//
// It also holds the thread's entry in the leak report (leak_report.hpp): shared by the
// jthread, which renames the entry, and the thread, which unlists it just before raising
// the flag. The mutex makes a rename and the thread's end take turns.
#ifndef THREADLIFE_DETAIL_THREAD_EXIT_HPP
#define THREADLIFE_DETAIL_THREAD_EXIT_HPP

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include <threadlife/leak_report.hpp>

namespace threadlife::detail {

class thread_exit {
 public:
  // Two owners: the jthread object and the thread itself.
  static thread_exit* create() { return new thread_exit; }

  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // Takes over a leak report entry (list_thread): unlisted when the thread ends, or when
  // this object dies if the thread never started.
  void adopt_listing(void* handle) noexcept {
    std::lock_guard<std::mutex> guard(mutex_);
    listing_ = handle;
  }

  // Renames the thread's entry, if the thread has not ended yet.
  void rename(std::string_view name) noexcept {
    std::lock_guard<std::mutex> guard(mutex_);
    if (listing_ == nullptr) return;
    try {
      rename_listed_thread(listing_, std::string(name));
    } catch (...) {
      // Out of memory: the report keeps the old name.
    }
  }

  // Called by the thread once its callable is done.
  void signal() noexcept {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      // Gone from the report before the flag is up: a timed join that succeeds sees it
      // unlisted.
      if (listing_ != nullptr) unlist_thread(std::exchange(listing_, nullptr));
      exited_ = true;
    }
    // Outside the lock so the woken joiner does not block on it; our reference keeps
    // the object alive until we are done.
    exited_cv_.notify_all();
  }

  template <class Clock, class Duration>
  bool wait_until(const std::chrono::time_point<Clock, Duration>& deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    return exited_cv_.wait_until(lock, deadline, [this] { return exited_; });
  }

  // To be called first thing on the new thread: arranges signal() and release() at its
  // exit, after the thread's other thread_local objects are destroyed.
  void arm_on_this_thread() noexcept;

 private:
  thread_exit() = default;
  ~thread_exit() {
    if (listing_ != nullptr) unlist_thread(listing_);
  }

  std::atomic<int> refs_{2};
  std::mutex mutex_;
  std::condition_variable exited_cv_;
  bool exited_ = false;
  void* listing_ = nullptr;  // the leak report entry, until the thread ends
};

struct thread_exit_notifier {
  thread_exit* armed = nullptr;
  ~thread_exit_notifier() {
    if (armed != nullptr) {
      armed->signal();
      armed->release();
    }
  }
};
inline thread_local thread_exit_notifier this_thread_exit;

inline void thread_exit::arm_on_this_thread() noexcept { this_thread_exit.armed = this; }

}  // namespace threadlife::detail

#endif
