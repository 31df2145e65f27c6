// Stop-aware waits: sleep_for/sleep_until with a token, and condition_variable_any with
// the standard's waits ([thread.condvarany], including [thread.condvarany.intwait]).
#include <threadlife/jthread.hpp>
#include <threadlife/wait.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tl = threadlife;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {
void await(const std::atomic<bool>& flag) {
  while (!flag.load(std::memory_order_acquire)) std::this_thread::yield();
}

// A BasicLockable that is not a std::unique_lock, to show the waits accept any lock.
class counting_lock {
 public:
  explicit counting_lock(std::mutex& m) : mutex_(m) { lock(); }
  ~counting_lock() {
    if (held_) unlock();
  }
  void lock() {
    mutex_.lock();
    held_ = true;
    ++locks;
  }
  void unlock() {
    held_ = false;
    mutex_.unlock();
  }
  bool held() const { return held_; }
  int locks = 0;

 private:
  std::mutex& mutex_;
  bool held_ = false;
};
}  // namespace

// ---- sleep_for / sleep_until ----

TEST(SleepFor, SleepsTheWholeDurationWithoutAStop) {
  tl::stop_source source;
  const auto start = steady::now();
  EXPECT_TRUE(tl::sleep_for(source.get_token(), 30ms));
  EXPECT_GE(steady::now() - start, 30ms);
}

TEST(SleepFor, ReturnsFalseAtOnceWhenAlreadyStopped) {
  tl::stop_source source;
  source.request_stop();
  const auto start = steady::now();
  EXPECT_FALSE(tl::sleep_for(source.get_token(), 1h));
  EXPECT_LT(steady::now() - start, 1s);
}

TEST(SleepFor, RequestStopWakesItAtOnce) {
  tl::stop_source source;
  std::optional<bool> result;
  steady::duration slept{};
  std::thread sleeper([&, token = source.get_token()] {
    const auto start = steady::now();
    result = tl::sleep_for(token, 1h);
    slept = steady::now() - start;
  });
  std::this_thread::sleep_for(20ms);
  source.request_stop();
  sleeper.join();
  ASSERT_TRUE(result.has_value());
  EXPECT_FALSE(*result);
  EXPECT_LT(slept, 10s);
}

TEST(SleepFor, HugeDurationStillWakesOnStop) {
  tl::jthread t([](tl::stop_token token) {
    EXPECT_FALSE(tl::sleep_for(token, std::chrono::nanoseconds::max()));
  });
  std::this_thread::sleep_for(10ms);
  // The destructor requests the stop and joins; a hang here fails by the test timeout.
}

TEST(SleepFor, TokenThatCannotBeStoppedIsAPlainSleep) {
  const auto start = steady::now();
  EXPECT_TRUE(tl::sleep_for(tl::stop_token(), 20ms));
  EXPECT_GE(steady::now() - start, 20ms);
  tl::stop_token orphan = tl::stop_source().get_token();  // no source left
  EXPECT_TRUE(tl::sleep_for(orphan, 1ms));
}

TEST(SleepFor, ZeroAndNegativeDurations) {
  tl::stop_source source;
  EXPECT_TRUE(tl::sleep_for(source.get_token(), 0ms));
  EXPECT_TRUE(tl::sleep_for(source.get_token(), -1s));
}

TEST(SleepUntil, SystemClockDeadline) {
  tl::stop_source source;
  EXPECT_TRUE(tl::sleep_until(source.get_token(), std::chrono::system_clock::now() + 10ms));
  std::thread stopper([&] {
    std::this_thread::sleep_for(10ms);
    source.request_stop();
  });
  EXPECT_FALSE(tl::sleep_until(source.get_token(), std::chrono::system_clock::now() + 1h));
  stopper.join();
}

TEST(SleepFor, StopsAJThreadLoopPromptly) {
  std::atomic<int> rounds{0};
  const auto start = steady::now();
  {
    tl::jthread worker([&](tl::stop_token token) {
      while (tl::sleep_for(token, 10s)) ++rounds;
    });
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(rounds.load(), 0);
  EXPECT_LT(steady::now() - start, 5s);
}

// ---- condition_variable_any: the waits without a token ----

TEST(ConditionVariableAny, NotifyOneWakesAWaiter) {
  tl::condition_variable_any cv;
  std::mutex m;
  bool ready = false;
  std::thread waiter([&] {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return ready; });
    EXPECT_TRUE(lock.owns_lock());
  });
  {
    std::lock_guard<std::mutex> guard(m);
    ready = true;
  }
  cv.notify_one();
  waiter.join();
}

TEST(ConditionVariableAny, NotifyAllWakesEveryWaiter) {
  tl::condition_variable_any cv;
  std::mutex m;
  bool ready = false;
  std::atomic<int> woken{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 4; ++i) {
    waiters.emplace_back([&] {
      std::unique_lock<std::mutex> lock(m);
      cv.wait(lock, [&] { return ready; });
      ++woken;
    });
  }
  {
    std::lock_guard<std::mutex> guard(m);
    ready = true;
  }
  cv.notify_all();
  for (auto& t : waiters) t.join();
  EXPECT_EQ(woken.load(), 4);
}

TEST(ConditionVariableAny, AnyBasicLockable) {
  tl::condition_variable_any cv;
  std::mutex m;
  counting_lock lock(m);
  EXPECT_EQ(cv.wait_for(lock, 5ms), std::cv_status::timeout);
  EXPECT_TRUE(lock.held());
  EXPECT_EQ(lock.locks, 2);
  std::shared_mutex sm;
  std::shared_lock<std::shared_mutex> shared(sm);
  EXPECT_FALSE(cv.wait_for(shared, 1ms, [] { return false; }));
  EXPECT_TRUE(shared.owns_lock());
}

TEST(ConditionVariableAny, TimedWaitsReturnThePredicateOnTimeout) {
  tl::condition_variable_any cv;
  std::mutex m;
  std::unique_lock<std::mutex> lock(m);
  EXPECT_FALSE(cv.wait_for(lock, 5ms, [] { return false; }));
  EXPECT_TRUE(cv.wait_for(lock, 5ms, [] { return true; }));
  EXPECT_EQ(cv.wait_until(lock, steady::now() + 5ms), std::cv_status::timeout);
  EXPECT_FALSE(cv.wait_until(lock, std::chrono::system_clock::now() + 5ms, [] { return false; }));
  EXPECT_TRUE(lock.owns_lock());
}

TEST(ConditionVariableAny, HugeTimeoutIsNotAnImmediateTimeout) {
  tl::condition_variable_any cv;
  std::mutex m;
  bool ready = false;
  std::thread notifier([&] {
    std::this_thread::sleep_for(20ms);
    {
      std::lock_guard<std::mutex> guard(m);
      ready = true;
    }
    cv.notify_all();
  });
  std::unique_lock<std::mutex> lock(m);
  EXPECT_TRUE(cv.wait_for(lock, std::chrono::nanoseconds::max(), [&] { return ready; }));
  notifier.join();
}

TEST(ConditionVariableAny, MayBeDestroyedOnceEveryWaiterWasNotified) {
  // [thread.condvarany.general]: destruction is allowed after all waiters were notified,
  // even if they have not returned yet. AddressSanitizer checks no waiter touches it.
  for (int round = 0; round < 200; ++round) {
    auto cv = std::make_unique<tl::condition_variable_any>();
    std::mutex m;
    bool ready = false;
    std::atomic<bool> waiting{false};
    std::thread waiter([&, raw = cv.get()] {
      std::unique_lock<std::mutex> lock(m);
      waiting = true;
      raw->wait(lock, [&] { return ready; });
    });
    await(waiting);
    {
      std::lock_guard<std::mutex> guard(m);
      ready = true;
      cv->notify_all();
      cv.reset();
    }
    waiter.join();
  }
}

// ---- condition_variable_any: the waits with a stop token ----

TEST(ConditionVariableAnyToken, ReturnsTrueWhenThePredicateHolds) {
  tl::condition_variable_any cv;
  std::mutex m;
  bool ready = false;
  tl::stop_source source;
  std::thread notifier([&] {
    std::this_thread::sleep_for(10ms);
    {
      std::lock_guard<std::mutex> guard(m);
      ready = true;
    }
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(m);
  EXPECT_TRUE(cv.wait(lock, source.get_token(), [&] { return ready; }));
  EXPECT_TRUE(lock.owns_lock());
  notifier.join();
}

TEST(ConditionVariableAnyToken, StopRequestEndsTheWaitWithFalse) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  std::thread stopper([&] {
    std::this_thread::sleep_for(10ms);
    source.request_stop();
  });
  std::unique_lock<std::mutex> lock(m);
  EXPECT_FALSE(cv.wait(lock, source.get_token(), [] { return false; }));
  EXPECT_TRUE(lock.owns_lock());
  stopper.join();
}

TEST(ConditionVariableAnyToken, AlreadyStoppedReturnsThePredicateWithoutWaiting) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  source.request_stop();
  std::unique_lock<std::mutex> lock(m);
  int evaluations = 0;
  EXPECT_FALSE(cv.wait(lock, source.get_token(), [&] { return ++evaluations, false; }));
  EXPECT_EQ(evaluations, 1);
  EXPECT_TRUE(cv.wait(lock, source.get_token(), [] { return true; }));
  EXPECT_FALSE(cv.wait_for(lock, source.get_token(), 1h, [] { return false; }));
  EXPECT_TRUE(cv.wait_until(lock, source.get_token(), steady::now() + 1h, [] { return true; }));
}

TEST(ConditionVariableAnyToken, StopWithThePredicateTrueReturnsTrue) {
  // After the stop the result is pred(), not a plain false.
  tl::condition_variable_any cv;
  std::mutex m;
  bool ready = false;
  tl::stop_source source;
  std::thread both([&] {
    std::this_thread::sleep_for(10ms);
    std::lock_guard<std::mutex> guard(m);
    ready = true;
    source.request_stop();  // while holding the user's lock: must not deadlock
  });
  std::unique_lock<std::mutex> lock(m);
  EXPECT_TRUE(cv.wait(lock, source.get_token(), [&] { return ready; }));
  both.join();
}

TEST(ConditionVariableAnyToken, PredicateRunsUnderTheLock) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  std::unique_lock<std::mutex> lock(m);
  bool always_locked = true;
  EXPECT_FALSE(cv.wait_for(lock, source.get_token(), 5ms, [&] {
    always_locked = always_locked && lock.owns_lock();
    return false;
  }));
  EXPECT_TRUE(always_locked);
}

TEST(ConditionVariableAnyToken, TimedWaitsTimeOutWithThePredicate) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  std::unique_lock<std::mutex> lock(m);
  const auto start = steady::now();
  EXPECT_FALSE(cv.wait_for(lock, source.get_token(), 20ms, [] { return false; }));
  EXPECT_GE(steady::now() - start, 20ms);
  EXPECT_FALSE(cv.wait_until(lock, source.get_token(), std::chrono::system_clock::now() + 5ms,
                             [] { return false; }));
  int calls = 0;
  // The predicate turns true exactly at the timeout's re-check: the result is true.
  EXPECT_TRUE(cv.wait_for(lock, source.get_token(), 5ms, [&] { return ++calls > 1; }));
  EXPECT_FALSE(source.stop_requested());
}

TEST(ConditionVariableAnyToken, TimedWaitEndedByStop) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  std::thread stopper([&] {
    std::this_thread::sleep_for(10ms);
    source.request_stop();
  });
  std::unique_lock<std::mutex> lock(m);
  const auto start = steady::now();
  EXPECT_FALSE(cv.wait_for(lock, source.get_token(), std::chrono::hours::max(), [] { return false; }));
  EXPECT_LT(steady::now() - start, 10s);
  stopper.join();
}

TEST(ConditionVariableAnyToken, WorksWithAnyLock) {
  tl::condition_variable_any cv;
  std::mutex m;
  tl::stop_source source;
  counting_lock lock(m);
  std::thread stopper([&] {
    std::this_thread::sleep_for(5ms);
    source.request_stop();
  });
  EXPECT_FALSE(cv.wait(lock, source.get_token(), [] { return false; }));
  EXPECT_TRUE(lock.held());
  stopper.join();
}

TEST(ConditionVariableAnyToken, StopBetweenPredicateAndBlockIsNeverLost) {
  // The early-implementation bug: the request lands after the waiter checked the
  // predicate and the stop bit but before it blocked. Rounds vary the request's timing
  // across that window; a lost wake shows as a wait that runs into its 20 s guard.
  const int rounds = 1000 / THREADLIFE_STRESS_DIVISOR;
  tl::condition_variable_any cv;
  std::mutex m;
  int lost = 0;
  // One stopper thread for all rounds. It gets its own copy of the round's source, as
  // request_stop() needs a live source for its whole run, even after the waiter woke.
  std::mutex slot_mutex;
  std::optional<tl::stop_source> slot;
  std::atomic<int> delay{0};
  std::atomic<bool> finished{false};
  std::thread stopper([&] {
    while (!finished.load()) {
      std::optional<tl::stop_source> source;
      {
        std::lock_guard<std::mutex> guard(slot_mutex);
        source.swap(slot);
      }
      if (!source) {
        std::this_thread::yield();
        continue;
      }
      for (int spin = 0; spin < delay.load(); ++spin) std::this_thread::yield();
      source->request_stop();
    }
  });
  for (int round = 0; round < rounds; ++round) {
    tl::stop_source source;
    delay = round % 20;
    bool published = false;
    std::unique_lock<std::mutex> lock(m);
    const auto start = steady::now();
    const bool result = cv.wait_for(lock, source.get_token(), 20s, [&] {
      if (!published) {
        published = true;
        std::lock_guard<std::mutex> guard(slot_mutex);
        slot = source;
      }
      return false;
    });
    if (result || steady::now() - start > 10s) ++lost;
  }
  finished = true;
  stopper.join();
  EXPECT_EQ(lost, 0);
}

TEST(ConditionVariableAnyToken, UntimedStopStress) {
  // Same race for the untimed wait; a lost wake hangs and fails by the test timeout.
  const int rounds = 500 / THREADLIFE_STRESS_DIVISOR;
  tl::condition_variable_any cv;
  std::mutex m;
  for (int round = 0; round < rounds; ++round) {
    tl::jthread waiter([&](tl::stop_token token) {
      std::unique_lock<std::mutex> lock(m);
      EXPECT_FALSE(cv.wait(lock, token, [] { return false; }));
    });
    for (int spin = 0; spin < round % 20; ++spin) std::this_thread::yield();
  }  // each jthread's destructor requests the stop and joins
}

// [thread.condvarany.wait]: if a wait cannot re-lock the caller's lock (its lock() throws),
// std::terminate is called; the exception must not escape. Each wait reaches the relock by
// another path: the timeout of a token wait, a notification, the stop request.
namespace {

// A lock whose lock() throws once `fail_relock` is set, i.e. on the wait's relock.
struct failing_relock {
  std::mutex mutex;
  bool fail_relock = false;
  std::atomic<bool> released{false};
  void lock() {
    if (fail_relock) throw std::runtime_error("relock failed");
    mutex.lock();
  }
  void unlock() {
    mutex.unlock();
    released = true;
  }
};

}  // namespace

TEST(ConditionVariableAnyDeathTest, ARelockThatThrowsTerminates) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  using namespace std::chrono_literals;
  auto timed_out = [](bool with_token) {
    tl::condition_variable_any cv;
    failing_relock lock;
    lock.lock();
    lock.fail_relock = true;
    tl::stop_source source;
    if (with_token) {
      (void)cv.wait_for(lock, source.get_token(), 1ms, [] { return false; });
    } else {
      (void)cv.wait_for(lock, 1ms, [] { return false; });
    }
  };
  EXPECT_DEATH(timed_out(true), "");
  EXPECT_DEATH(timed_out(false), "");
  EXPECT_DEATH(
      {
        tl::condition_variable_any cv;
        failing_relock lock;
        lock.lock();
        lock.fail_relock = true;
        tl::stop_source source;
        // A stop made before the wait releases the lock ends it at once,
        // with no relock to fail: stop only once it is waiting.
        std::thread stopper([&] {
          while (!lock.released) std::this_thread::yield();
          source.request_stop();
        });
        stopper.detach();  // the process ends in the wait
        (void)cv.wait(lock, source.get_token(), [] { return false; });
      },
      "");
}
