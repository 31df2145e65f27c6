// threadlife::queue: what each call returns, what wakes a blocked pop or push (a push, a
// pop, close(), a stop request, the deadline), and a stress round in which stop requests
// and close() race pushes and pops and every item is still accounted for.
#include <threadlife/jthread.hpp>
#include <threadlife/queue.hpp>
#include <threadlife/stop_token.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#ifndef THREADLIFE_STRESS_DIVISOR
#define THREADLIFE_STRESS_DIVISOR 1
#endif

namespace tl = threadlife;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

// Long enough that a call which should be blocked would have returned by then on a loaded
// machine; the tests wait this long only where they expect nothing to happen.
constexpr auto settle = 50ms;

// Runs `f` on a thread and lets the test see whether it has returned yet.
template <class R>
class pending {
 public:
  template <class F>
  explicit pending(F f)
      : thread_([this, f]() mutable {
          result_ = f();
          done_.store(true);
        }) {}
  bool done() const { return done_.load(); }
  R get() {
    thread_.join();
    return *result_;
  }

 private:
  std::optional<R> result_;
  std::atomic<bool> done_{false};
  tl::jthread thread_;
};

}  // namespace

TEST(Queue, PopsInPushOrder) {
  tl::queue<int> q;
  tl::stop_source source;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(q.push(source.get_token(), i));
  EXPECT_EQ(q.size(), 5u);
  EXPECT_EQ(q.capacity(), tl::queue<int>::unbounded);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(q.pop(source.get_token()), i);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.try_pop(), std::nullopt);
}

TEST(Queue, CapacityZeroIsRejected) {
  EXPECT_THROW(tl::queue<int>(0), std::invalid_argument);
}

TEST(Queue, TryPushFailsWhenFullAndLeavesTheValue) {
  tl::queue<std::unique_ptr<int>> q(1);
  EXPECT_TRUE(q.try_push(std::make_unique<int>(1)));
  auto kept = std::make_unique<int>(2);
  EXPECT_FALSE(q.try_push(std::move(kept)));
  ASSERT_NE(kept, nullptr);  // not moved from: the caller still has it
  EXPECT_EQ(*kept, 2);
}

TEST(Queue, PushIntoFullQueueWaitsForAPop) {
  tl::queue<int> q(1);
  tl::stop_source source;
  ASSERT_TRUE(q.try_push(1));
  pending<bool> push([&] { return q.push(source.get_token(), 2); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(push.done());
  EXPECT_EQ(q.try_pop(), 1);
  EXPECT_TRUE(push.get());
  EXPECT_EQ(q.try_pop(), 2);
}

TEST(Queue, PopWaitsForAPush) {
  tl::queue<int> q;
  tl::stop_source source;
  pending<std::optional<int>> pop([&] { return q.pop(source.get_token()); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(pop.done());
  ASSERT_TRUE(q.try_push(7));
  EXPECT_EQ(pop.get(), 7);
}

TEST(Queue, StopRequestEndsABlockedPop) {
  tl::queue<int> q;
  tl::stop_source source;
  pending<std::optional<int>> pop([&] { return q.pop(source.get_token()); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(pop.done());
  source.request_stop();
  EXPECT_EQ(pop.get(), std::nullopt);
}

TEST(Queue, StopRequestEndsABlockedPushAndLeavesTheValue) {
  tl::queue<std::unique_ptr<int>> q(1);
  tl::stop_source source;
  ASSERT_TRUE(q.try_push(std::make_unique<int>(1)));
  auto value = std::make_unique<int>(2);
  pending<bool> push([&] { return q.push(source.get_token(), std::move(value)); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(push.done());
  source.request_stop();
  EXPECT_FALSE(push.get());
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 2);
  EXPECT_EQ(q.size(), 1u);
}

TEST(Queue, StoppedPopLeavesItemsForTryPop) {
  tl::queue<int> q;
  tl::stop_source source;
  ASSERT_TRUE(q.try_push(1));
  source.request_stop();
  EXPECT_EQ(q.pop(source.get_token()), std::nullopt);  // the stop wins over waiting items
  EXPECT_EQ(q.pop_for(source.get_token(), 1h), std::nullopt);
  EXPECT_FALSE(q.push(source.get_token(), 2));
  EXPECT_EQ(q.try_pop(), 1);
}

TEST(Queue, StopOnlyEndsTheWaitsGivenThatToken) {
  tl::queue<int> q;
  tl::stop_source stopped, running;
  pending<std::optional<int>> left([&] { return q.pop(stopped.get_token()); });
  pending<std::optional<int>> stays([&] { return q.pop(running.get_token()); });
  std::this_thread::sleep_for(settle);
  stopped.request_stop();
  EXPECT_EQ(left.get(), std::nullopt);
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(stays.done());
  ASSERT_TRUE(q.try_push(3));
  EXPECT_EQ(stays.get(), 3);
}

TEST(Queue, CloseDrainsThenEndsPops) {
  tl::queue<int> q;
  tl::stop_source source;
  ASSERT_TRUE(q.try_push(1));
  ASSERT_TRUE(q.try_push(2));
  q.close();
  q.close();  // idempotent
  EXPECT_TRUE(q.closed());
  EXPECT_FALSE(q.try_push(3));
  EXPECT_FALSE(q.push(source.get_token(), 3));
  EXPECT_EQ(q.pop(source.get_token()), 1);
  EXPECT_EQ(q.pop_for(source.get_token(), 1h), 2);
  EXPECT_EQ(q.pop(source.get_token()), std::nullopt);  // closed and empty: no wait
}

TEST(Queue, CloseWakesBlockedPopsAndPushes) {
  tl::queue<int> empty_queue;
  tl::queue<int> full_queue(1);
  tl::stop_source source;
  ASSERT_TRUE(full_queue.try_push(1));
  pending<std::optional<int>> pop([&] { return empty_queue.pop(source.get_token()); });
  pending<bool> push([&] { return full_queue.push(source.get_token(), 2); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(pop.done());
  EXPECT_FALSE(push.done());
  empty_queue.close();
  full_queue.close();
  EXPECT_EQ(pop.get(), std::nullopt);
  EXPECT_FALSE(push.get());
  EXPECT_EQ(full_queue.try_pop(), 1);
}

TEST(Queue, TimedPopAndPushGiveUpAtTheDeadline) {
  tl::queue<int> q(1);
  tl::stop_source source;
  auto start = steady::now();
  EXPECT_EQ(q.pop_for(source.get_token(), 30ms), std::nullopt);
  EXPECT_GE(steady::now() - start, 30ms);
  ASSERT_TRUE(q.try_push(1));
  start = steady::now();
  EXPECT_FALSE(q.push_until(source.get_token(), 2, steady::now() + 30ms));
  EXPECT_GE(steady::now() - start, 30ms);
  EXPECT_EQ(q.pop_until(source.get_token(), std::chrono::system_clock::now() + 1h), 1);
  EXPECT_TRUE(q.push_for(source.get_token(), 3, 0ms));  // room: no wait needed
}

TEST(Queue, HugeTimeoutMeansForeverNotNow) {
  tl::queue<int> q;
  tl::stop_source source;
  pending<std::optional<int>> pop(
      [&] { return q.pop_for(source.get_token(), std::chrono::nanoseconds::max()); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(pop.done());
  source.request_stop();
  EXPECT_EQ(pop.get(), std::nullopt);
}

TEST(Queue, TokenWithoutStopStateWaitsForAPush) {
  tl::queue<int> q;
  pending<std::optional<int>> pop([&] { return q.pop(tl::stop_token{}); });
  std::this_thread::sleep_for(settle);
  EXPECT_FALSE(pop.done());
  ASSERT_TRUE(q.try_push(5));
  EXPECT_EQ(pop.get(), 5);
}

// Two pushers wait on a full queue; one is stopped as a slot frees. The slot must still
// reach the other, whichever of the two the pop's wake went to.
TEST(Queue, AStoppedWaiterDoesNotSwallowTheWake) {
  const int rounds = 300 / THREADLIFE_STRESS_DIVISOR;
  for (int round = 0; round < rounds; ++round) {
    tl::queue<int> q(1);
    tl::stop_source stopped, running;
    ASSERT_TRUE(q.try_push(0));
    pending<bool> leaves([&] { return q.push(stopped.get_token(), 1); });
    pending<bool> stays([&] { return q.push_for(running.get_token(), 2, 10s); });
    std::thread stopper([&] { stopped.request_stop(); });
    EXPECT_EQ(q.try_pop(), 0);
    stopper.join();
    // The stopped pusher ends either way: it took the slot before its stop, or gave up.
    if (leaves.get()) {
      EXPECT_EQ(q.pop(running.get_token()), 1);
    }
    EXPECT_TRUE(stays.get()) << "round " << round;  // false: the freed slot's wake was lost
    EXPECT_EQ(q.try_pop(), 2);
  }
}

// Producers and consumers race stop requests and close(): every item a push reported as
// pushed is popped exactly once (by a pop, or by the drain at the end), and no item a push
// reported as not pushed ever comes out.
TEST(QueueStress, StopAndCloseRacePushesAndPops) {
  constexpr int producers = 4, consumers = 4;
  const int per_producer = 20000 / THREADLIFE_STRESS_DIVISOR;
  const int rounds = 8;
  for (int round = 0; round < rounds; ++round) {
    tl::queue<int> q(round % 2 == 0 ? 16 : tl::queue<int>::unbounded);
    std::vector<tl::stop_source> producer_stops(producers), consumer_stops(consumers);
    std::vector<std::vector<char>> pushed(producers, std::vector<char>(per_producer, 0));
    std::vector<std::atomic<int>> popped(producers * per_producer);
    auto record = [&](int item) { popped[item].fetch_add(1, std::memory_order_relaxed); };
    {
      std::vector<tl::jthread> threads;
      for (int p = 0; p < producers; ++p) {
        threads.emplace_back([&, p] {
          const tl::stop_token token = producer_stops[p].get_token();
          for (int i = 0; i < per_producer; ++i) {
            const int item = p * per_producer + i;
            pushed[p][i] = (i % 3 == 0 ? q.try_push(item) : q.push(token, item)) ? 1 : 0;
          }
        });
      }
      for (int c = 0; c < consumers; ++c) {
        threads.emplace_back([&, c] {
          const tl::stop_token token = consumer_stops[c].get_token();
          while (std::optional<int> item = c % 2 ? q.pop(token) : q.pop_for(token, 1ms)) {
            record(*item);
          }
        });
      }
      std::mt19937 random(static_cast<unsigned>(round));
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 20));
      producer_stops[random() % producers].request_stop();
      consumer_stops[random() % consumers].request_stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 20));
      q.close();
      for (auto& stop : consumer_stops) stop.request_stop();
    }  // every thread joined
    while (std::optional<int> item = q.try_pop()) record(*item);
    long pushed_count = 0;
    for (int p = 0; p < producers; ++p) {
      for (int i = 0; i < per_producer; ++i) {
        const int item = p * per_producer + i;
        ASSERT_EQ(popped[item].load(), pushed[p][i]) << "item " << item << ", round " << round;
        pushed_count += pushed[p][i];
      }
    }
    EXPECT_GT(pushed_count, 0);
  }
}
