// threadlife/detail/waker.hpp - a file descriptor that any thread can make readable.
//
// poll() can wait on file descriptors only; a stop request is not one. A waker turns it
// into one: a stop_callback calls signal(), and the poll that lists fd() returns. On Linux
// it is one eventfd; elsewhere a non-blocking self-pipe.
//
// signal() is a single write(): safe from any thread, from a stop callback that runs while
// locks are held, and from a signal handler. It never blocks: a full pipe already wakes.
#ifndef THREADLIFE_DETAIL_WAKER_HPP
#define THREADLIFE_DETAIL_WAKER_HPP

#include <system_error>

namespace threadlife::detail {

class waker {
 public:
  /// Throws std::system_error if the descriptors cannot be created.
  waker();
  /// Leaves `ec` set and the waker unusable (fd() == -1) on failure.
  explicit waker(std::error_code& ec) noexcept;
  ~waker();
  waker(const waker&) = delete;
  waker& operator=(const waker&) = delete;

  /// The end to poll for POLLIN; close-on-exec, non-blocking.
  int fd() const noexcept { return read_fd_; }

  void signal() noexcept;

  /// Consumes every signal() made so far, so that the next poll blocks again.
  void drain() noexcept;

 private:
  void open(std::error_code& ec) noexcept;

  int read_fd_ = -1;
  int write_fd_ = -1;  // == read_fd_ for an eventfd
};

/// The calling thread's own waker, created on first use and closed when the thread ends.
/// Returns nullptr (with `ec` set) if it cannot be created.
waker* this_thread_waker(std::error_code& ec) noexcept;

}  // namespace threadlife::detail

#endif
