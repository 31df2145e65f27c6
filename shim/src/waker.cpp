// Wakers: eventfd on Linux, a self-pipe elsewhere. Token-independent, compiled once.
#include <threadlife/detail/waker.hpp>

#include <cerrno>
#include <cstdint>
#include <memory>

#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/eventfd.h>
#endif

namespace threadlife::detail {
#if !defined(__linux__)
namespace {

bool set_flags(int fd) noexcept {
  const int fl = ::fcntl(fd, F_GETFL);
  const int fd_fl = ::fcntl(fd, F_GETFD);
  return fl != -1 && fd_fl != -1 && ::fcntl(fd, F_SETFL, fl | O_NONBLOCK) != -1 &&
         ::fcntl(fd, F_SETFD, fd_fl | FD_CLOEXEC) != -1;
}

}  // namespace
#endif

waker::waker() {
  std::error_code ec;
  open(ec);
  if (ec) throw std::system_error(ec, "threadlife: cannot create a waker");
}

waker::waker(std::error_code& ec) noexcept { open(ec); }

void waker::open(std::error_code& ec) noexcept {
  ec.clear();
#if defined(__linux__)
  read_fd_ = write_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (read_fd_ == -1) ec.assign(errno, std::generic_category());
#else
  int fds[2];
  if (::pipe(fds) == -1) {
    ec.assign(errno, std::generic_category());
    return;
  }
  if (!set_flags(fds[0]) || !set_flags(fds[1])) {
    ec.assign(errno, std::generic_category());
    ::close(fds[0]);
    ::close(fds[1]);
    return;
  }
  read_fd_ = fds[0];
  write_fd_ = fds[1];
#endif
}

waker::~waker() {
  if (read_fd_ != -1) ::close(read_fd_);
  if (write_fd_ != -1 && write_fd_ != read_fd_) ::close(write_fd_);
}

void waker::signal() noexcept {
  const std::uint64_t one = 1;
  // EAGAIN means the counter or pipe is full: already readable, which is all we need.
  ssize_t n;
  do {
    n = ::write(write_fd_, &one, write_fd_ == read_fd_ ? sizeof one : 1);
  } while (n == -1 && errno == EINTR);
}

void waker::drain() noexcept {
  std::uint64_t buffer[8];
  for (;;) {
    const ssize_t n = ::read(read_fd_, buffer, sizeof buffer);
    if (n > 0 && read_fd_ != write_fd_ && static_cast<std::size_t>(n) == sizeof buffer) continue;
    if (n == -1 && errno == EINTR) continue;
    return;  // empty (EAGAIN), or an eventfd read once: its counter is now zero
  }
}

waker* this_thread_waker(std::error_code& ec) noexcept {
  // A unique_ptr rather than a waker so that a failed creation can be retried later.
  thread_local std::unique_ptr<waker> mine;
  ec.clear();
  if (!mine) {
    auto fresh = std::unique_ptr<waker>(new (std::nothrow) waker(ec));
    if (!fresh) {
      ec = std::make_error_code(std::errc::not_enough_memory);
      return nullptr;
    }
    if (ec) return nullptr;
    mine = std::move(fresh);
  }
  return mine.get();
}

}  // namespace threadlife::detail
