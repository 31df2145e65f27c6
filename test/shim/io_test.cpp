// wait_readable / wait_writable: every outcome (ready, stopped, timed out, errors), the
// wake-up by a stop request on another thread, and a stress run of stops racing data.
#include <threadlife/io.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace tl = threadlife;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

struct pipe_pair {
  int read_end = -1;
  int write_end = -1;
  pipe_pair() {
    int fds[2];
    if (::pipe(fds) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    read_end = fds[0];
    write_end = fds[1];
  }
  ~pipe_pair() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read_end != -1) ::close(read_end);
    read_end = -1;
  }
  void close_write() {
    if (write_end != -1) ::close(write_end);
    write_end = -1;
  }
  void put(char c = 'x') const { ASSERT_EQ(::write(write_end, &c, 1), 1); }
  void fill() const {
    ::fcntl(write_end, F_SETFL, ::fcntl(write_end, F_GETFL) | O_NONBLOCK);
    char block[4096] = {};
    while (::write(write_end, block, sizeof block) > 0) {
    }
  }
};

}  // namespace

TEST(WaitReadable, ReadyWhenDataIsThere) {
  pipe_pair p;
  p.put();
  tl::stop_source source;
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 1s), tl::io_status::ready);
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token()), tl::io_status::ready);
}

TEST(WaitReadable, TimesOutAfterTheTimeout) {
  pipe_pair p;
  tl::stop_source source;
  const auto start = clock_type::now();
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 30ms), tl::io_status::timed_out);
  EXPECT_GE(clock_type::now() - start, 30ms);
}

TEST(WaitReadable, SubMillisecondTimeoutIsNotRoundedUpToAMillisecond) {
  pipe_pair p;
  tl::stop_source source;
  const auto start = clock_type::now();
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 200us), tl::io_status::timed_out);
  const auto elapsed = clock_type::now() - start;
  EXPECT_GE(elapsed, 200us);
}

TEST(WaitReadable, ZeroTimeoutPollsOnce) {
  pipe_pair p;
  tl::stop_source source;
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 0s), tl::io_status::timed_out);
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), -5s), tl::io_status::timed_out);
  p.put();
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 0s), tl::io_status::ready);
}

TEST(WaitReadable, StopAlreadyRequestedWinsOverReady) {
  pipe_pair p;
  p.put();
  tl::stop_source source;
  source.request_stop();
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token(), 10s), tl::io_status::stopped);
  EXPECT_EQ(tl::wait_readable(p.read_end, source.get_token()), tl::io_status::stopped);
}

TEST(WaitReadable, StopRequestOnAnotherThreadEndsAWaitWithoutTimeout) {
  pipe_pair p;
  tl::stop_source source;
  std::atomic<bool> returned{false};
  tl::io_status status = tl::io_status::ready;
  std::thread waiter([&] {
    status = tl::wait_readable(p.read_end, source.get_token());
    returned = true;
  });
  std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(returned.load());
  const auto start = clock_type::now();
  source.request_stop();
  waiter.join();
  EXPECT_EQ(status, tl::io_status::stopped);
  EXPECT_LT(clock_type::now() - start, 5s);
}

TEST(WaitReadable, TokenWithoutStopStateIsAPlainPoll) {
  pipe_pair p;
  EXPECT_EQ(tl::wait_readable(p.read_end, tl::stop_token(), 10ms), tl::io_status::timed_out);
  p.put();
  EXPECT_EQ(tl::wait_readable(p.read_end, tl::stop_token()), tl::io_status::ready);
}

TEST(WaitReadable, HangUpCountsAsReadySoThatTheReadSeesEof) {
  pipe_pair p;
  p.close_write();
  tl::stop_source source;
  ASSERT_EQ(tl::wait_readable(p.read_end, source.get_token(), 1s), tl::io_status::ready);
  char c;
  EXPECT_EQ(::read(p.read_end, &c, 1), 0);
}

TEST(WaitReadable, ALaterWaitOnTheSameThreadIsNotWokenByAnEarlierStop) {
  pipe_pair p;
  {
    tl::stop_source first;
    first.request_stop();
    EXPECT_EQ(tl::wait_readable(p.read_end, first.get_token(), 1s), tl::io_status::stopped);
  }
  {
    // Stopped while waiting: the callback signals the thread's waker.
    tl::stop_source second;
    std::thread stopper([&] {
      std::this_thread::sleep_for(5ms);
      second.request_stop();
    });
    EXPECT_EQ(tl::wait_readable(p.read_end, second.get_token(), 10s), tl::io_status::stopped);
    stopper.join();
  }
  tl::stop_source third;
  EXPECT_EQ(tl::wait_readable(p.read_end, third.get_token(), 20ms), tl::io_status::timed_out);
}

TEST(WaitReadable, BadDescriptorThrowsOrSetsTheErrorCode) {
  pipe_pair p;
  const int closed = p.read_end;
  p.close_read();
  tl::stop_source source;
  try {
    (void)tl::wait_readable(closed, source.get_token(), 1s);
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), std::errc::bad_file_descriptor);
  }
  std::error_code ec;
  EXPECT_EQ(tl::wait_readable(closed, source.get_token(), 1s, ec), tl::io_status::ready);
  EXPECT_EQ(ec, std::errc::bad_file_descriptor);
  EXPECT_EQ(tl::wait_readable(-1, source.get_token(), ec), tl::io_status::ready);
  EXPECT_EQ(ec, std::errc::bad_file_descriptor);
  static_assert(noexcept(tl::wait_readable(0, source.get_token(), ec)));
}

TEST(WaitReadable, ErrorCodeIsClearedOnSuccess) {
  pipe_pair p;
  p.put();
  std::error_code ec = std::make_error_code(std::errc::io_error);
  EXPECT_EQ(tl::wait_readable(p.read_end, tl::stop_source().get_token(), 1s, ec),
            tl::io_status::ready);
  EXPECT_FALSE(ec);
}

TEST(WaitWritable, ReadyFullAndStopped) {
  pipe_pair p;
  tl::stop_source source;
  EXPECT_EQ(tl::wait_writable(p.write_end, source.get_token(), 1s), tl::io_status::ready);
  p.fill();
  EXPECT_EQ(tl::wait_writable(p.write_end, source.get_token(), 20ms), tl::io_status::timed_out);
  std::thread stopper([&] {
    std::this_thread::sleep_for(10ms);
    source.request_stop();
  });
  EXPECT_EQ(tl::wait_writable(p.write_end, source.get_token()), tl::io_status::stopped);
  stopper.join();
  std::error_code ec;
  EXPECT_EQ(tl::wait_writable(p.write_end, source.get_token(), ec), tl::io_status::stopped);
  EXPECT_FALSE(ec);
}

TEST(WaitReadable, OneStopEndsTheWaitsOfManyThreads) {
  constexpr int threads = 8;
  std::vector<pipe_pair> pipes(threads);
  tl::stop_source source;
  std::atomic<int> stopped{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < threads; ++i) {
    waiters.emplace_back([&, i] {
      if (tl::wait_readable(pipes[i].read_end, source.get_token()) == tl::io_status::stopped) {
        ++stopped;
      }
    });
  }
  std::this_thread::sleep_for(20ms);
  source.request_stop();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(stopped.load(), threads);
}

// Stops land before, during and after the wait starts, racing data arriving; every wait
// must end (a lost wake-up hangs the test until its timeout), and stopped whenever the
// stop was requested before the wait returned.
TEST(WaitReadableStress, StopsRacingTheStartOfTheWaitAreNeverLost) {
  const int rounds = 4000 / THREADLIFE_STRESS_DIVISOR;
  pipe_pair p;
  for (int round = 0; round < rounds; ++round) {
    tl::stop_source source;
    const bool with_data = round % 3 == 0;
    std::thread stopper([&] {
      if (round % 2 == 0) std::this_thread::yield();
      if (with_data) p.put();
      source.request_stop();
    });
    const tl::io_status status = tl::wait_readable(p.read_end, source.get_token());
    stopper.join();
    if (status == tl::io_status::ready) {
      ASSERT_TRUE(with_data) << "round " << round;
    } else {
      ASSERT_EQ(status, tl::io_status::stopped) << "round " << round;
    }
    if (with_data) {
      char c;
      ASSERT_EQ(::read(p.read_end, &c, 1), 1);
    }
  }
}
