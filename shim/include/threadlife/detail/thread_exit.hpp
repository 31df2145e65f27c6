// threadlife/detail/thread_exit.hpp - a flag a thread raises as the very last thing it does,
// so that a joiner can wait for it with a timeout (std::thread::join has none).
//
// The flag is raised by the destructor of a thread_local that the thread touches before
// running user code. Thread-local objects are destroyed in reverse order of construction,
// so it fires after the user's callable, its arguments, and every thread_local the user
// code created are gone: once the flag is up, join() only waits for the kernel to reap
// the thread.
#ifndef THREADLIFE_DETAIL_THREAD_EXIT_HPP
#define THREADLIFE_DETAIL_THREAD_EXIT_HPP

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace threadlife::detail {

class thread_exit {
 public:
  // Two owners: the jthread object and the thread itself.
  static thread_exit* create() { return new thread_exit; }

  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // Called by the thread once its callable is done.
  void signal() noexcept {
    {
      std::lock_guard<std::mutex> guard(mutex_);
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

  std::atomic<int> refs_{2};
  std::mutex mutex_;
  std::condition_variable exited_cv_;
  bool exited_ = false;
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
