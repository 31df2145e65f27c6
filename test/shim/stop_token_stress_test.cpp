// Stress: many threads racing request_stop() against callback registration and
// destruction, and stop-state ownership against release. About 10^6 operations in all in
// a plain build; sanitizer builds divide the rounds (THREADLIFE_STRESS_DIVISOR) because
// they run several times slower, and find races in fewer rounds.
//
// Failures show as broken counts here, as data races under ThreadSanitizer, and as
// use-after-free under AddressSanitizer (a callback run after its destructor returned).
#include <threadlife/stop_token.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
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
  std::atomic<int> generations{0};

  // The workers go on past their rounds until the race has really happened: enough stops,
  // and callbacks run both by the requester and inline. How the threads are scheduled
  // decides how soon; a bound keeps a starved requester from hanging the test.
  constexpr int min_generations = 200;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  auto raced = [&] {
    return (generations.load(std::memory_order_relaxed) >= min_generations &&
            registered_runs.load(std::memory_order_relaxed) > 0 &&
            inline_runs.load(std::memory_order_relaxed) > 0) ||
           std::chrono::steady_clock::now() > give_up;
  };

  std::thread requester([&] {
    int winners = 0;
    while (workers_left.load(std::memory_order_acquire) > 0) {
      std::shared_ptr<generation> gen = current();
      // Lets workers register on this generation first; a spin, not a yield (see below).
      std::atomic<int> spin{0};
      while (spin.fetch_add(1, std::memory_order_relaxed) < 2000) {
      }
      if (gen->source.request_stop()) ++winners;
      gen->request_returned.store(true, std::memory_order_release);
      if (gen->source.request_stop()) failures.fetch_add(1);  // true only once
      std::lock_guard<std::mutex> guard(slot_mutex);
      slot = std::make_shared<generation>();
      generations.fetch_add(1, std::memory_order_relaxed);
    }
    EXPECT_EQ(winners, generations.load());
  });

  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      const std::thread::id me = std::this_thread::get_id();
      for (int i = 0; i < per_worker || !raced(); ++i) {
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
              // Busy, not yielding: a yield on a loaded machine can last milliseconds.
              std::atomic<int> spin{0};
              while (spin.fetch_add(1, std::memory_order_relaxed) < 2000) {
              }
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
          if (i % 7 == 0) {
            // Widens the window between registration and destruction; a spin, as a yield
            // on a loaded machine hands the processor to another program for a time slice.
            std::atomic<int> spin{0};
            while (spin.fetch_add(1, std::memory_order_relaxed) < 200) {
            }
          }
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
  // The race happened: stops, and callbacks run by the requester and inline.
  EXPECT_GE(generations.load(), min_generations);
  EXPECT_GT(registered_runs.load(), 0);
  EXPECT_GT(inline_runs.load(), 0);
  RecordProperty("registered_runs", static_cast<int>(registered_runs.load()));
  RecordProperty("inline_runs", static_cast<int>(inline_runs.load()));
}

// Several threads call request_stop() on the same fresh state at once: exactly one gets
// true, and when it returns every callback has run exactly once. No barrier: requesters
// hammer whatever state is current. Between rounds they sleep on a condition variable, not
// in a yield loop: on a loaded machine every yield may hand a time slice to another
// program, and 10,000 rounds of that took minutes.
TEST(StopTokenStress, ConcurrentRequestStopHasOneWinner) {
  constexpr int requesters = 3;
  constexpr int callbacks_per_round = 20;
  const int rounds = scaled(10000);

  struct round_state {
    tl::stop_source source;
    std::atomic<int> calls[callbacks_per_round] = {};
    std::atomic<int> winners{0};
    std::atomic<bool> checked{false};
  };
  std::mutex slot_mutex;
  std::condition_variable slot_changed;  // a new round, or finished
  std::condition_variable round_checked;
  std::shared_ptr<round_state> slot;
  bool finished = false;  // guarded by slot_mutex
  std::atomic<long> failures{0};

  std::vector<std::thread> threads;
  for (int r = 0; r < requesters; ++r) {
    threads.emplace_back([&] {
      std::shared_ptr<round_state> last;
      for (;;) {
        std::shared_ptr<round_state> current;
        {
          std::unique_lock<std::mutex> lock(slot_mutex);
          slot_changed.wait(lock, [&] { return finished || (slot != nullptr && slot != last); });
          if (finished) return;
          current = slot;
        }
        last = current;
        if (current->source.request_stop()) {
          current->winners.fetch_add(1);
          for (const auto& c : current->calls) {
            if (c.load() != 1) failures.fetch_add(1);
          }
          std::lock_guard<std::mutex> guard(slot_mutex);
          current->checked.store(true, std::memory_order_release);
          round_checked.notify_one();
        }
      }
    });
  }
  using callback = tl::stop_callback<std::function<void()>>;
  std::vector<std::shared_ptr<round_state>> done;
  for (int round = 0; round < rounds; ++round) {
    auto state = std::make_shared<round_state>();
    std::vector<std::unique_ptr<callback>> callbacks;
    for (int c = 0; c < callbacks_per_round; ++c) {
      callbacks.push_back(std::make_unique<callback>(
          state->source.get_token(), std::function<void()>([&calls = state->calls[c]] { ++calls; })));
    }
    {
      std::unique_lock<std::mutex> lock(slot_mutex);
      slot = state;
      slot_changed.notify_all();
      round_checked.wait(lock, [&] { return state->checked.load(std::memory_order_acquire); });
    }
    done.push_back(std::move(state));
  }
  {
    std::lock_guard<std::mutex> guard(slot_mutex);
    finished = true;
    slot_changed.notify_all();
  }
  for (auto& t : threads) t.join();
  for (const auto& state : done) {
    if (state->winners.load() != 1) failures.fetch_add(1);
    for (const auto& c : state->calls) {
      if (c.load() != 1) failures.fetch_add(1);
    }
  }
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
