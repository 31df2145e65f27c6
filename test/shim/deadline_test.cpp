// deadline_source, linked_stop_source and stop causes: when each stops, the cause it
// records, one timer thread for all deadlines, and cancellation racing expiry.
#include <threadlife/deadline.hpp>
#include <threadlife/thread_name.hpp>
#include <threadlife/wait.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <dirent.h>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tl = threadlife;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

std::string what_of(const std::exception_ptr& cause) {
  if (!cause) return "<none>";
  try {
    std::rethrow_exception(cause);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "<not a std::exception>";
  }
}

bool is_deadline(const std::exception_ptr& cause) {
  try {
    if (cause) std::rethrow_exception(cause);
  } catch (const tl::deadline_exceeded&) {
    return true;
  } catch (...) {
  }
  return false;
}

int thread_count() {
  int n = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (dirent* entry = ::readdir(dir)) n += entry->d_name[0] != '.';
    ::closedir(dir);
  }
  return n;
}

}  // namespace

// ---- stop causes ----

TEST(StopCause, RecordedByRequestStopAndReadFromAnyToken) {
  tl::stop_source_with_cause source;
  const tl::stop_token token = source.get_token();
  EXPECT_EQ(tl::stop_cause(token), nullptr);
  EXPECT_TRUE(source.request_stop(std::runtime_error("user cancelled")));
  EXPECT_TRUE(token.stop_requested());
  EXPECT_EQ(what_of(tl::stop_cause(token)), "user cancelled");
  EXPECT_EQ(what_of(source.cause()), "user cancelled");
}

TEST(StopCause, TheFirstCauseStays) {
  tl::stop_source_with_cause source;
  EXPECT_TRUE(source.request_stop(std::runtime_error("first")));
  EXPECT_FALSE(source.request_stop(std::runtime_error("second")));
  EXPECT_EQ(what_of(source.cause()), "first");
}

TEST(StopCause, AStopWithoutCauseHasNone) {
  tl::stop_source_with_cause source;
  EXPECT_TRUE(source.request_stop());
  EXPECT_EQ(tl::stop_cause(source.get_token()), nullptr);
  EXPECT_EQ(tl::stop_cause(tl::stop_token()), nullptr);
  tl::stop_source plain;
  plain.request_stop();
  EXPECT_EQ(tl::stop_cause(plain.get_token()), nullptr);
}

TEST(StopCause, IsVisibleToCallbacksOfTheRequest) {
  tl::stop_source_with_cause source;
  const tl::stop_token token = source.get_token();
  std::string seen;
  tl::stop_callback record(token, [&] { seen = what_of(tl::stop_cause(token)); });
  source.request_stop(std::logic_error("why"));
  EXPECT_EQ(seen, "why");
}

TEST(StopCause, IsForgottenWithItsSource) {
  tl::stop_token token;
  {
    tl::stop_source_with_cause source;
    token = source.get_token();
    source.request_stop(std::runtime_error("gone soon"));
    EXPECT_NE(tl::stop_cause(token), nullptr);
  }
  EXPECT_TRUE(token.stop_requested());
  EXPECT_EQ(tl::stop_cause(token), nullptr);
}

TEST(StopCause, MovesWithTheSource) {
  tl::stop_source_with_cause a;
  a.request_stop(std::runtime_error("moved"));
  tl::stop_source_with_cause b(std::move(a));
  EXPECT_EQ(what_of(b.cause()), "moved");
  tl::stop_source_with_cause c;
  c = std::move(b);
  EXPECT_EQ(what_of(c.cause()), "moved");
}

// ---- deadline_source ----

TEST(DeadlineSource, StopsAfterTheDurationWithDeadlineExceeded) {
  const auto start = clock_type::now();
  tl::deadline_source deadline(30ms);
  EXPECT_FALSE(deadline.stop_requested());
  EXPECT_FALSE(tl::sleep_for(deadline.get_token(), 10s));
  EXPECT_GE(clock_type::now() - start, 30ms);
  EXPECT_LT(clock_type::now() - start, 5s);
  EXPECT_TRUE(is_deadline(tl::stop_cause(deadline.get_token())));
  EXPECT_EQ(what_of(deadline.cause()), "deadline exceeded");
}

TEST(DeadlineSource, StopsAtATimePointOfAnyClock) {
  tl::deadline_source at_steady(clock_type::now() + 20ms);
  tl::deadline_source at_system(std::chrono::system_clock::now() + 20ms);
  EXPECT_FALSE(tl::sleep_for(at_steady.get_token(), 10s));
  EXPECT_FALSE(tl::sleep_for(at_system.get_token(), 10s));
}

TEST(DeadlineSource, PastDeadlineStopsInTheConstructor) {
  tl::deadline_source zero(0s);
  EXPECT_TRUE(zero.stop_requested());
  EXPECT_TRUE(is_deadline(zero.cause()));
  tl::deadline_source past(clock_type::now() - 1s);
  EXPECT_TRUE(past.stop_requested());
}

TEST(DeadlineSource, HugeTimeoutNeverStopsAndSchedulesNothing) {
  const std::size_t before = tl::detail::pending_timers();
  tl::deadline_source never(clock_type::duration::max());
  EXPECT_EQ(never.deadline(), clock_type::time_point::max());
  EXPECT_EQ(tl::detail::pending_timers(), before);
  EXPECT_FALSE(never.stop_requested());
}

TEST(DeadlineSource, DestroyingItCancelsTheTimer) {
  const std::size_t before = tl::detail::pending_timers();
  tl::stop_token token;
  {
    tl::deadline_source deadline(20ms);
    token = deadline.get_token();
    EXPECT_EQ(tl::detail::pending_timers(), before + 1);
  }
  EXPECT_EQ(tl::detail::pending_timers(), before);
  std::this_thread::sleep_for(40ms);
  EXPECT_FALSE(token.stop_requested());
}

TEST(DeadlineSource, ManualStopCancelsNothingAndKeepsItsCause) {
  tl::deadline_source deadline(20ms);
  deadline.request_stop(std::runtime_error("by hand"));
  std::this_thread::sleep_for(40ms);
  EXPECT_EQ(what_of(deadline.cause()), "by hand");
}

TEST(DeadlineSource, StopsWithItsParentAndTakesTheParentsCause) {
  tl::stop_source_with_cause parent;
  tl::deadline_source child(parent.get_token(), 10s);
  parent.request_stop(std::runtime_error("parent gave up"));
  EXPECT_TRUE(child.stop_requested());
  EXPECT_EQ(what_of(child.cause()), "parent gave up");
}

// Deadlines created out of order fire in time order, each on the timer thread. What makes
// the order certain is that every deadline and its callback exist before the first one is
// due (one already due would stop in its constructor, on this thread). A machine that
// stalls this thread past the margin spoils the round, and it is run again with a wider
// one; then the test waits for all five callbacks, however slow the timer thread is.
TEST(DeadlineSource, FiresInTimeOrderOnOneTimerThread) {
  struct record {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<int> order;
    std::vector<std::string> names;
  };
  for (auto margin = std::chrono::milliseconds(100);; margin *= 4) {
    record seen;
    std::vector<std::unique_ptr<tl::deadline_source>> deadlines;
    std::vector<std::unique_ptr<tl::stop_callback<std::function<void()>>>> callbacks;
    const auto base = clock_type::now() + margin;
    for (int i : {5, 1, 4, 2, 3}) {
      deadlines.push_back(std::make_unique<tl::deadline_source>(base + i * 10ms));
      callbacks.push_back(std::make_unique<tl::stop_callback<std::function<void()>>>(
          deadlines.back()->get_token(), [&seen, i] {
            std::lock_guard<std::mutex> lock(seen.mutex);
            seen.order.push_back(i);
            seen.names.push_back(tl::this_thread::name());
            seen.changed.notify_all();
          }));
    }
    if (clock_type::now() >= base + 10ms) {
      ASSERT_LT(margin, 30s) << "this thread never got 5 deadlines in before the first was due";
      std::unique_lock<std::mutex> lock(seen.mutex);  // let this round finish, then retry
      seen.changed.wait_for(lock, 60s, [&] { return seen.order.size() == 5; });
      continue;
    }
    std::unique_lock<std::mutex> lock(seen.mutex);
    ASSERT_TRUE(seen.changed.wait_for(lock, 60s, [&] { return seen.order.size() == 5; }))
        << seen.order.size() << " of 5 deadlines fired within 60 s";
    EXPECT_EQ(seen.order, (std::vector<int>{1, 2, 3, 4, 5}));
    for (const std::string& name : seen.names) EXPECT_EQ(name, "tl-timer");
    return;
  }
}

TEST(DeadlineSource, TenThousandDeadlinesShareOneThread) {
  tl::deadline_source warm_up(1h);  // the timer thread exists from here on
  const int threads_before = thread_count();
  std::vector<tl::deadline_source> deadlines;
  deadlines.reserve(10000);
  for (int i = 0; i < 10000; ++i) deadlines.emplace_back(1h + i * 1ms);
  EXPECT_EQ(thread_count(), threads_before);
  EXPECT_GE(tl::detail::pending_timers(), 10001u);
  deadlines.clear();
}

// ---- linked_stop_source ----

TEST(LinkedStopSource, StopsWhenAnyParentStops) {
  tl::stop_source a, b, c;
  tl::linked_stop_source linked{a.get_token(), b.get_token(), c.get_token()};
  EXPECT_FALSE(linked.stop_requested());
  b.request_stop();
  EXPECT_TRUE(linked.stop_requested());
  EXPECT_FALSE(a.stop_requested());
  EXPECT_FALSE(c.stop_requested());
}

TEST(LinkedStopSource, AlreadyStoppedParentStopsItAtOnce) {
  tl::stop_source_with_cause a;
  a.request_stop(std::runtime_error("early"));
  tl::stop_source b;
  tl::linked_stop_source linked{b.get_token(), a.get_token()};
  EXPECT_TRUE(linked.stop_requested());
  EXPECT_EQ(what_of(linked.cause()), "early");
}

TEST(LinkedStopSource, OwnStopDoesNotReachTheParents) {
  tl::stop_source a;
  tl::linked_stop_source linked{a.get_token()};
  linked.request_stop(std::runtime_error("mine"));
  EXPECT_FALSE(a.stop_requested());
  EXPECT_EQ(what_of(linked.cause()), "mine");
}

TEST(LinkedStopSource, TokensThatCannotStopAreIgnoredAndRangesWork) {
  std::vector<tl::stop_source> sources(3);
  std::vector<tl::stop_token> tokens{tl::stop_token()};
  for (auto& s : sources) tokens.push_back(s.get_token());
  tl::linked_stop_source linked(tokens.begin(), tokens.end());
  sources[2].request_stop();
  EXPECT_TRUE(linked.stop_requested());
}

TEST(LinkedStopSource, DestroyedLinkNoLongerForwards) {
  tl::stop_source parent;
  tl::stop_token child_token;
  {
    tl::linked_stop_source linked{parent.get_token()};
    child_token = linked.get_token();
  }
  parent.request_stop();
  EXPECT_FALSE(child_token.stop_requested());
}

TEST(LinkedStopSource, ChainsPassTheCauseAlong) {
  tl::stop_source_with_cause root;
  tl::linked_stop_source middle{root.get_token()};
  tl::linked_stop_source leaf{middle.get_token()};
  root.request_stop(std::runtime_error("from the root"));
  EXPECT_TRUE(leaf.stop_requested());
  EXPECT_EQ(what_of(tl::stop_cause(leaf.get_token())), "from the root");
}

// ---- stress ----

// Deadlines destroyed just as they expire: cancel() must wait for a firing action, or
// the action would write a cause after the record was forgotten (a stale cause, seen as
// a leak by AddressSanitizer) or touch a freed state.
TEST(DeadlineStress, DestructionRacingExpiry) {
  const int rounds = 3000 / THREADLIFE_STRESS_DIVISOR;
  std::vector<std::thread> threads;
  std::atomic<int> fired{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < rounds; ++i) {
        tl::deadline_source deadline(std::chrono::microseconds((i * 7 + t) % 100));
        if (i % 3 == 0) std::this_thread::yield();
        if (deadline.stop_requested()) ++fired;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GT(fired.load(), 0);
}

TEST(LinkedStopStress, ParentStopsRacingLinkDestruction) {
  const int rounds = 3000 / THREADLIFE_STRESS_DIVISOR;
  for (int i = 0; i < rounds; ++i) {
    tl::stop_source_with_cause parent;
    auto linked = std::make_unique<tl::linked_stop_source>(
        std::initializer_list<tl::stop_token>{parent.get_token()});
    std::thread stopper([&] { parent.request_stop(std::runtime_error("race")); });
    if (i % 2 == 0) std::this_thread::yield();
    linked.reset();
    stopper.join();
  }
  SUCCEED();
}
