// Stress: many threads racing request_stop() against callback registration and
// destruction, and stop-state ownership against release. About 10^6 operations in all in
// a plain build; sanitizer builds divide the rounds (THREADLIFE_STRESS_DIVISOR) because
// they run several times slower, and find races in fewer rounds.
//
// Failures show as broken counts here, as data races under ThreadSanitizer, and as
// use-after-free under AddressSanitizer (a callback run after its destructor returned).
#include <threadlife/stop_token.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#ifndef THREADLIFE_STRESS_DIVISOR
#define THREADLIFE_STRESS_DIVISOR 1
#endif

namespace tl = threadlife;

namespace {

constexpr int scaled(int n) { return n / THREADLIFE_STRESS_DIVISOR; }

// A spin-then-yield barrier for a fixed number of threads, reusable round after round.
class round_barrier {
 public:
  explicit round_barrier(int threads) : threads_(threads) {}
  void arrive_and_wait() {
    const std::uint64_t round = round_.load(std::memory_order_acquire);
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == threads_) {
      arrived_.store(0, std::memory_order_relaxed);
      round_.store(round + 1, std::memory_order_release);
      return;
    }
    while (round_.load(std::memory_order_acquire) == round) std::this_thread::yield();
  }

 private:
  const int threads_;
  std::atomic<int> arrived_{0};
  std::atomic<std::uint64_t> round_{0};
};

// One generation of the racing stop state: the source, and whether its winning
// request_stop() has returned.
struct generation {
  tl::stop_source source;
  std::atomic<bool> request_returned{false};
};

}  // namespace

// Workers register and destroy callbacks on whatever source is current while a requester
// keeps replacing the source and requesting stops.
TEST(StopTokenStress, RequestStopRacesRegistrationAndDestruction) {
  constexpr int workers = 4;
  const int per_worker = scaled(150000);

  std::mutex slot_mutex;
  std::shared_ptr<generation> slot = std::make_shared<generation>();
  auto current = [&] {
    std::lock_guard<std::mutex> guard(slot_mutex);
    return slot;
  };

  std::atomic<int> workers_left{workers};
  std::atomic<long> registered_runs{0};
  std::atomic<long> inline_runs{0};
  std::atomic<long> failures{0};

  std::thread requester([&] {
    int winners = 0;
    int generations = 0;
    while (workers_left.load(std::memory_order_acquire) > 0) {
      std::shared_ptr<generation> gen = current();
      for (int i = 0; i < 20; ++i) std::this_thread::yield();
      if (gen->source.request_stop()) ++winners;
      gen->request_returned.store(true, std::memory_order_release);
      if (gen->source.request_stop()) failures.fetch_add(1);  // true only once
      std::lock_guard<std::mutex> guard(slot_mutex);
      slot = std::make_shared<generation>();
      ++generations;
    }
    EXPECT_EQ(winners, generations);
  });

  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      const std::thread::id me = std::this_thread::get_id();
      for (int i = 0; i < per_worker; ++i) {
        std::shared_ptr<generation> gen = current();
        tl::stop_token token = gen->source.get_token();
        const bool stopped_before = token.stop_requested();
        std::atomic<int> runs{0};
        int written = 0;  // plain: the destructor's wait is what makes reading it safe
        std::thread::id ran_on;
        {
          const bool slow = i % 16 == 0;  // widens the window for the destructor's wait
          auto fn = [&]() noexcept {
            if (slow) {
              for (int y = 0; y < 3; ++y) std::this_thread::yield();
            }
            written = 1;
            ran_on = std::this_thread::get_id();
            runs.fetch_add(1, std::memory_order_relaxed);
          };
          std::optional<tl::stop_callback<decltype(fn)>> callback;
          if ((i + w) % 2 == 0) {
            callback.emplace(token, fn);
          } else {
            callback.emplace(std::move(token), fn);
          }
          if (stopped_before && runs.load() != 1) failures.fetch_add(1);  // inline run
          if (i % 7 == 0) std::this_thread::yield();
          // Once the winning request returned, every callback registered before it ran.
          const bool returned = gen->request_returned.load(std::memory_order_acquire);
          if (returned && runs.load() != 1) failures.fetch_add(1);
        }
        // After the destructor: it ran at most once, and if it ran, it has finished.
        const int n = runs.load();
        if (n > 1 || written != n) failures.fetch_add(1);
        if (n == 1) {
          (ran_on == me ? inline_runs : registered_runs).fetch_add(1);
        }
      }
      workers_left.fetch_sub(1, std::memory_order_release);
    });
  }
  for (auto& t : threads) t.join();
  requester.join();
  EXPECT_EQ(failures.load(), 0);
  // Both paths were exercised: callbacks run by the requester and inline in constructors.
  EXPECT_GT(registered_runs.load() + inline_runs.load(), 0);
  RecordProperty("registered_runs", static_cast<int>(registered_runs.load()));
  RecordProperty("inline_runs", static_cast<int>(inline_runs.load()));
}

// Several threads call request_stop() on the same fresh state at once: exactly one gets
// true, and when it returns every callback has run exactly once.
TEST(StopTokenStress, ConcurrentRequestStopHasOneWinner) {
  constexpr int requesters = 3;
  constexpr int callbacks_per_round = 20;
  const int rounds = scaled(20000);

  round_barrier barrier(requesters + 1);
  std::optional<tl::stop_source> source;
  std::atomic<int> winners{0};
  std::atomic<long> failures{0};
  std::vector<int> calls(callbacks_per_round);

  std::vector<std::thread> threads;
  for (int r = 0; r < requesters; ++r) {
    threads.emplace_back([&] {
      for (int round = 0; round < rounds; ++round) {
        barrier.arrive_and_wait();  // source and callbacks are ready
        if (source->request_stop()) {
          winners.fetch_add(1);
          for (int c : calls) {
            if (c != 1) failures.fetch_add(1);
          }
        }
        barrier.arrive_and_wait();  // round over
      }
    });
  }
  for (int round = 0; round < rounds; ++round) {
    source.emplace();
    std::fill(calls.begin(), calls.end(), 0);
    {
      std::vector<std::unique_ptr<tl::stop_callback<std::function<void()>>>> callbacks;
      for (int c = 0; c < callbacks_per_round; ++c) {
        callbacks.push_back(std::make_unique<tl::stop_callback<std::function<void()>>>(
            source->get_token(), std::function<void()>([&calls, c] { ++calls[c]; })));
      }
      barrier.arrive_and_wait();
      barrier.arrive_and_wait();
      if (winners.exchange(0) != 1) failures.fetch_add(1);
      for (int c : calls) {
        if (c != 1) failures.fetch_add(1);
      }
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

// Callbacks destroyed from inside callbacks while other threads register and destroy
// their own: the re-entrant paths under contention.
TEST(StopTokenStress, SelfAndCrossDestructionUnderContention) {
  const int rounds = scaled(20000);
  std::atomic<long> failures{0};
  using cb = tl::stop_callback<std::function<void()>>;
  for (int round = 0; round < rounds; ++round) {
    tl::stop_source source;
    std::unique_ptr<cb> self_destroying;
    std::unique_ptr<cb> victim;
    int self_calls = 0;
    int victim_calls = 0;
    self_destroying = std::make_unique<cb>(source.get_token(), std::function<void()>([&] {
                                             ++self_calls;
                                             victim.reset();
                                             self_destroying.reset();
                                           }));
    victim = std::make_unique<cb>(source.get_token(),
                                  std::function<void()>([&] { ++victim_calls; }));
    std::atomic<bool> go{false};
    std::thread churn([&] {
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      for (int i = 0; i < 5; ++i) {
        int calls = 0;
        cb other(source.get_token(), std::function<void()>([&calls] { ++calls; }));
        (void)other;
      }
    });
    go = true;
    if (!source.request_stop()) failures.fetch_add(1);
    churn.join();
    if (self_calls != 1 || victim_calls > 1 || self_destroying || victim) failures.fetch_add(1);
  }
  EXPECT_EQ(failures.load(), 0);
}

// Tokens and sources copied and dropped on many threads while the last owner goes away:
// the reference counts must free the state exactly once (AddressSanitizer checks).
TEST(StopTokenStress, OwnershipRacesRelease) {
  const int rounds = scaled(4000);
  constexpr int threads_per_round = 2;
  for (int round = 0; round < rounds; ++round) {
    auto source = std::make_unique<tl::stop_source>();
    tl::stop_token token = source->get_token();
    std::vector<std::thread> threads;
    for (int t = 0; t < threads_per_round; ++t) {
      threads.emplace_back([token, copy = *source, t]() mutable {
        for (int i = 0; i < 25; ++i) {
          tl::stop_token again = token;
          tl::stop_source another = copy;
          if (i == 20 && t == 0) another.request_stop();
          token = std::move(again);
        }
        EXPECT_TRUE(token.stop_possible());
      });
    }
    source.reset();
    token = tl::stop_token();
    for (auto& t : threads) t.join();
  }
}
