// The list of running threads behind the leak report. The report printed at exit is
// tested in a child process (process_test.cpp).
#include <threadlife/jthread.hpp>
#include <threadlife/leak_report.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace tl = threadlife;
using namespace std::chrono_literals;

namespace {

const tl::running_thread* find(const std::vector<tl::running_thread>& threads, const std::string& name) {
  for (const auto& t : threads) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string read_all(int fd) {
  std::string text;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

}  // namespace

TEST(LeakReport, TrackedThreadsAreListedWithTheirCreationSite) {
  std::atomic<bool> release{false};
  const unsigned line = __LINE__ + 1;
  tl::jthread worker(tl::tracked("poller", [&](tl::stop_token token) {
    while (!release && !token.stop_requested()) std::this_thread::sleep_for(1ms);
  }));
  const auto threads = tl::running_threads();
  const tl::running_thread* poller = find(threads, "poller");
  ASSERT_NE(poller, nullptr);
  EXPECT_EQ(poller->site.line, line);
  EXPECT_NE(std::string(poller->site.file).find("leak_report_test.cpp"), std::string::npos);
  // "TestBody" in C++17 (__builtin_FUNCTION), the whole signature from source_location.
  EXPECT_NE(std::string(poller->site.function).find("TestBody"), std::string::npos)
      << poller->site.function;
  release = true;
  worker.join();
  EXPECT_EQ(find(tl::running_threads(), "poller"), nullptr);
}

TEST(LeakReport, TrackedKeepsTheCallablesSignature) {
  std::atomic<int> got{0};
  {
    tl::jthread with_args(tl::tracked("args", [&](int a, int b) { got = a + b; }), 2, 3);
  }
  EXPECT_EQ(got.load(), 5);
  std::thread plain(tl::tracked("std", [&] { ++got; }));
  plain.join();
  EXPECT_EQ(got.load(), 6);
}

TEST(LeakReport, ACallableThatNeverRanIsNotListed) {
  { auto unused = tl::tracked("never", [] {}); }
  EXPECT_EQ(find(tl::running_threads(), "never"), nullptr);
}

TEST(LeakReport, WritesOneLinePerRunningThread) {
  std::atomic<bool> release{false};
  tl::jthread a(tl::tracked("alpha", [&] { while (!release) std::this_thread::sleep_for(1ms); }));
  tl::jthread b(tl::tracked("beta", [&] { while (!release) std::this_thread::sleep_for(1ms); }));
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EXPECT_GE(tl::write_leak_report(fds[1]), 2u);
  ::close(fds[1]);
  const std::string report = read_all(fds[0]);
  ::close(fds[0]);
  EXPECT_NE(report.find("still running at exit:"), std::string::npos) << report;
  EXPECT_NE(report.find("\"alpha\" started at "), std::string::npos) << report;
  EXPECT_NE(report.find("leak_report_test.cpp:"), std::string::npos) << report;
  EXPECT_NE(report.find("\"beta\""), std::string::npos) << report;
  release = true;
}

// ---- jthread ----

namespace {
std::size_t count_named(const std::vector<tl::running_thread>& threads, const std::string& name) {
  std::size_t n = 0;
  for (const auto& t : threads) n += t.name == name;
  return n;
}
}  // namespace

TEST(LeakReportJThread, AnyJThreadIsListedUntilItEnds) {
  std::atomic<bool> release{false};
  const std::size_t before = count_named(tl::running_threads(), "jthread");
  tl::jthread t([&] { while (!release) std::this_thread::sleep_for(1ms); });
  const auto threads = tl::running_threads();
  EXPECT_EQ(count_named(threads, "jthread"), before + 1);
  for (const auto& listed : threads) {
    if (listed.name == "jthread") {
      EXPECT_EQ(listed.site.line, 0u);  // the place is not known
    }
  }
  release = true;
  t.join();
  EXPECT_EQ(count_named(tl::running_threads(), "jthread"), before);
}

TEST(LeakReportJThread, SetNameRenamesTheEntryInFull) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { while (!release) std::this_thread::sleep_for(1ms); });
  const std::string name = "a-jthread-name-longer-than-fifteen-bytes";
  EXPECT_TRUE(t.set_name(name));
  EXPECT_EQ(count_named(tl::running_threads(), name), 1u);
  EXPECT_TRUE(t.set_name("renamed"));
  EXPECT_EQ(count_named(tl::running_threads(), name), 0u);
  EXPECT_EQ(count_named(tl::running_threads(), "renamed"), 1u);
  release = true;
  ASSERT_TRUE(t.join_for(30s));  // a timed join that succeeds finds it unlisted
  EXPECT_EQ(count_named(tl::running_threads(), "renamed"), 0u);
}

TEST(LeakReportJThread, ATrackedCallableIsListedOnceWithItsPlaceAndFollowsSetName) {
  std::atomic<bool> release{false};
  const unsigned line = __LINE__ + 1;
  tl::jthread t(tl::tracked("tracked-once", [&] { while (!release) std::this_thread::sleep_for(1ms); }));
  auto threads = tl::running_threads();
  ASSERT_EQ(count_named(threads, "tracked-once"), 1u);
  EXPECT_EQ(find(threads, "tracked-once")->site.line, line);
  EXPECT_TRUE(t.set_name("tracked-renamed"));
  threads = tl::running_threads();
  EXPECT_EQ(count_named(threads, "tracked-once"), 0u);
  ASSERT_EQ(count_named(threads, "tracked-renamed"), 1u);
  EXPECT_EQ(find(threads, "tracked-renamed")->site.line, line);  // the place stays
  release = true;
  t.join();
  EXPECT_EQ(find(tl::running_threads(), "tracked-renamed"), nullptr);
}

TEST(LeakReportJThread, ADetachedJThreadStaysListedWhileItRuns) {
  auto release = std::make_shared<std::atomic<bool>>(false);
  auto done = std::make_shared<std::atomic<bool>>(false);
  {
    tl::jthread t([release, done] {
      while (!*release) std::this_thread::sleep_for(1ms);
      *done = true;
    });
    t.set_name("detached-one");
    t.detach();
    EXPECT_FALSE(t.set_name("too-late"));  // not joinable any more
  }
  EXPECT_EQ(count_named(tl::running_threads(), "detached-one"), 1u);
  *release = true;
  // Unlisted at the thread's very end, which nobody joins: wait for it, boundedly.
  const auto until = std::chrono::steady_clock::now() + 30s;
  while (count_named(tl::running_threads(), "detached-one") != 0 &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(done->load());
  EXPECT_EQ(count_named(tl::running_threads(), "detached-one"), 0u);
}

TEST(LeakReportJThread, ReportSaysThePlaceIsUnknown) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { while (!release) std::this_thread::sleep_for(1ms); });
  t.set_name("placeless");
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EXPECT_GE(tl::write_leak_report(fds[1]), 1u);
  ::close(fds[1]);
  const std::string report = read_all(fds[0]);
  ::close(fds[0]);
  EXPECT_NE(report.find("  \"placeless\" started at an unknown place\n"), std::string::npos)
      << report;
  release = true;
}
