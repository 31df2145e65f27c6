// The poll behind wait_readable/wait_writable. Token-independent, compiled once.
#include <threadlife/io.hpp>

#include <cerrno>
#include <ctime>

#include <poll.h>

namespace threadlife::detail {

io_status poll_fd(int fd, io_direction direction, waker* w, bool forever,
                  std::chrono::steady_clock::time_point deadline, std::error_code& ec) noexcept {
  using clock = std::chrono::steady_clock;
  ec.clear();
  if (fd < 0) {
    // poll() ignores negative descriptors; waiting on one would only ever time out.
    ec = std::make_error_code(std::errc::bad_file_descriptor);
    return io_status::ready;
  }
  const short wanted = direction == io_direction::read ? POLLIN : POLLOUT;
  pollfd fds[2] = {{fd, wanted, 0}, {w != nullptr ? w->fd() : -1, POLLIN, 0}};
  const nfds_t count = w != nullptr ? 2 : 1;
  for (;;) {
    int n;
#if defined(__linux__)
    // ppoll takes nanoseconds: a 200 µs timeout is not rounded to a millisecond.
    timespec wait{};
    timespec* timeout = nullptr;
    if (!forever) {
      const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - clock::now());
      if (left.count() > 0) {
        wait.tv_sec = static_cast<std::time_t>(left.count() / 1000000000);
        wait.tv_nsec = static_cast<long>(left.count() % 1000000000);
      }
      timeout = &wait;
    }
    n = ::ppoll(fds, count, timeout, nullptr);
#else
    int timeout_ms = -1;
    if (!forever) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now());
      timeout_ms = left.count() <= 0 ? 0 : left.count() > 0x7fffffff ? 0x7fffffff
                                                                       : static_cast<int>(left.count());
    }
    n = ::poll(fds, count, timeout_ms);
#endif
    if (n == -1) {
      if (errno == EINTR) continue;  // the remaining time is recomputed above
      ec.assign(errno, std::generic_category());
      return io_status::ready;
    }
    if (count == 2 && fds[1].revents != 0) return io_status::stopped;
    if (fds[0].revents & POLLNVAL) {
      ec = std::make_error_code(std::errc::bad_file_descriptor);
      return io_status::ready;
    }
    if (fds[0].revents != 0) return io_status::ready;  // incl. POLLERR/POLLHUP: see io.hpp
    if (n == 0 && !forever && clock::now() >= deadline) return io_status::timed_out;
  }
}

}  // namespace threadlife::detail
