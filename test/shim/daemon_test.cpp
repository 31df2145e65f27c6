// Daemons: stopped and joined by shutdown(), named when they do not finish in time, and
// their failures reported without taking the process down. Exit-time behaviour runs in
// child processes: see process_test.cpp.
#include <threadlife/daemon.hpp>
#include <threadlife/wait.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace tl = threadlife;
using namespace std::chrono_literals;

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST(Daemon, ShutdownStopsAndJoinsWithCleanup) {
  auto cleaned = std::make_shared<std::atomic<int>>(0);
  ASSERT_TRUE(tl::daemon("flusher", [cleaned](tl::stop_token token) {
    while (tl::sleep_for(token, 1h)) {
    }
    ++*cleaned;  // the cleanup a daemon=True thread never gets to do
  }));
  ASSERT_TRUE(tl::daemon("plain", [cleaned] { ++*cleaned; }));
  EXPECT_TRUE(contains(tl::running_daemons(), "flusher"));
  // Only the stop can end the hour's sleep within the minute: nobody named means it did.
  EXPECT_TRUE(tl::shutdown(60s).empty());
  EXPECT_EQ(cleaned->load(), 2);
  EXPECT_TRUE(tl::running_daemons().empty());
}

TEST(Daemon, ThoseThatDoNotFinishAreNamedAndLeft) {
  auto release = std::make_shared<std::atomic<bool>>(false);
  auto finished = std::make_shared<std::atomic<bool>>(false);
  ASSERT_TRUE(tl::daemon("stubborn", [release, finished] {  // ignores its token
    while (!*release) std::this_thread::sleep_for(1ms);
    *finished = true;
  }));
  ASSERT_TRUE(tl::daemon("polite", [](tl::stop_token token) {
    while (tl::sleep_for(token, 1h)) {
    }
  }));
  // "polite" has the whole timeout to wake and finish, however loaded the machine: the
  // wait for "stubborn" uses it all up.
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> late = tl::shutdown(2s);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(late, std::vector<std::string>{"stubborn"});
  EXPECT_GE(took, 2s);
  EXPECT_LT(took, 60s);
  EXPECT_TRUE(tl::running_daemons().empty());  // left: no longer the registry's
  *release = true;
  while (!*finished) std::this_thread::sleep_for(1ms);
}

TEST(Daemon, FinishedDaemonsAreReapedWithoutShutdown) {
  std::atomic<int> ran{0};
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(tl::daemon("short", [&ran] { ++ran; }));
  const auto until = std::chrono::steady_clock::now() + 60s;
  while (!tl::running_daemons().empty() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(tl::running_daemons().empty());
  EXPECT_EQ(ran.load(), 20);
}

TEST(Daemon, AnExceptionEndsOnlyThatDaemonAndIsReported) {
  testing::internal::CaptureStderr();
  ASSERT_TRUE(tl::daemon("thrower", [] { throw std::runtime_error("disk full"); }));
  EXPECT_TRUE(tl::shutdown(60s).empty());
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("daemon \"thrower\" ended by an exception: disk full"), std::string::npos)
      << err;
}

TEST(Daemon, DaemonsStartedByDaemonsAreStoppedToo) {
  std::atomic<int> stopped{0};
  ASSERT_TRUE(tl::daemon("parent", [&stopped](tl::stop_token token) {
    tl::daemon("child", [&stopped](tl::stop_token t) {
      while (tl::sleep_for(t, 10s)) {
      }
      ++stopped;
    });
    while (tl::sleep_for(token, 10s)) {
    }
    ++stopped;
  }));
  std::this_thread::sleep_for(10ms);  // the child may start before or during the shutdown
  EXPECT_TRUE(tl::shutdown(60s).empty());
  EXPECT_EQ(stopped.load(), 2);
}

TEST(DaemonStress, ManyDaemonsStartedAndShutDown) {
  const int rounds = 20 / THREADLIFE_STRESS_DIVISOR + 1;
  for (int round = 0; round < rounds; ++round) {
    std::atomic<int> stopped{0};
    for (int i = 0; i < 16; ++i) {
      ASSERT_TRUE(tl::daemon("d" + std::to_string(i), [&stopped, i](tl::stop_token token) {
        if (i % 2 == 0) {
          while (tl::sleep_for(token, 10s)) {
          }
        }
        ++stopped;
      }));
    }
    ASSERT_TRUE(tl::shutdown(60s).empty());
    ASSERT_EQ(stopped.load(), 16);
  }
}
