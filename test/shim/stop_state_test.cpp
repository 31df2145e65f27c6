// The own implementation's layers, each on its own: the state word, the callback list,
// the completion flag and the shared stop state. These headers do not depend on the
// stop token choice, so the suite is the same in every build mode.
#include <threadlife/detail/callback_list.hpp>
#include <threadlife/detail/completion_flag.hpp>
#include <threadlife/detail/saturating_deadline.hpp>
#include <threadlife/detail/stop_state.hpp>
#include <threadlife/detail/stop_state_word.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace d = threadlife::detail;
using namespace std::chrono_literals;

TEST(StopStateWord, StartsWithOneSourceAndNoStop) {
  d::stop_state_word word;
  EXPECT_FALSE(word.stop_requested());
  EXPECT_TRUE(word.stop_possible());
  word.remove_source();
  EXPECT_FALSE(word.stop_possible());
  word.add_source();
  EXPECT_TRUE(word.stop_possible());
}

TEST(StopStateWord, RequestLocksAndSetsTheBitOnce) {
  d::stop_state_word word;
  ASSERT_TRUE(word.lock_and_request_stop());
  EXPECT_TRUE(word.stop_requested());
  word.unlock();
  EXPECT_FALSE(word.lock_and_request_stop());
  EXPECT_FALSE(word.lock_unless_stopped());
  word.remove_source();
  EXPECT_TRUE(word.stop_possible()) << "a requested stop stays possible without sources";
}

TEST(StopStateWord, LockUnlessStoppedLocks) {
  d::stop_state_word word;
  ASSERT_TRUE(word.lock_unless_stopped());
  std::atomic<bool> got{false};
  std::thread other([&] {
    word.lock();
    got = true;
    word.unlock();
  });
  std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(got.load()) << "the lock bit excludes other lockers";
  word.unlock();
  other.join();
  EXPECT_TRUE(got.load());
}

TEST(StopStateWord, RequestWaitsForTheLockHolder) {
  d::stop_state_word word;
  word.lock();
  std::atomic<bool> requested{false};
  std::thread requester([&] {
    requested = word.lock_and_request_stop();
    word.unlock();
  });
  std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(requested.load());
  EXPECT_FALSE(word.stop_requested());
  word.unlock();
  requester.join();
  EXPECT_TRUE(requested.load());
  EXPECT_TRUE(word.stop_requested());
}

TEST(StopStateWord, LockIsMutuallyExclusive) {
  d::stop_state_word word;
  long counter = 0;  // plain: guarded only by the lock bit
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        word.lock();
        ++counter;
        word.unlock();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, 4 * 20000);
}

namespace {
struct test_node : d::stop_callback_node {
  explicit test_node(int id) : stop_callback_node(&run), id(id) {}
  static void run(stop_callback_node*) noexcept {}
  int id;
};
}  // namespace

TEST(CallbackList, PushPopRemove) {
  d::callback_list list;
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.pop_front(), nullptr);
  test_node a(1), b(2), c(3);
  list.push_front(&a);
  list.push_front(&b);
  list.push_front(&c);
  EXPECT_TRUE(a.listed() && b.listed() && c.listed());
  list.remove(&b);  // the middle
  EXPECT_FALSE(b.listed());
  list.remove(&c);  // the head
  EXPECT_EQ(static_cast<test_node*>(list.pop_front())->id, 1);
  EXPECT_FALSE(a.listed());
  EXPECT_TRUE(list.empty());
  list.push_front(&b);
  list.remove(&b);  // the only one
  EXPECT_TRUE(list.empty());
}

TEST(CompletionFlag, WaitReturnsAfterSetAndWake) {
  d::completion_flag flag;
  EXPECT_FALSE(flag.is_set());
  int payload = 0;
  std::thread setter([&] {
    std::this_thread::sleep_for(10ms);
    payload = 7;
    const auto where = flag.wake_address();
    flag.set();
    d::completion_flag::wake_all(where);
  });
  flag.wait();
  EXPECT_EQ(payload, 7);  // set() happens-before wait() returns
  EXPECT_TRUE(flag.is_set());
  setter.join();
  flag.wait();  // already set: returns at once
}

TEST(CompletionFlag, ManyWaiters) {
  d::completion_flag flag;
  std::atomic<int> woken{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 4; ++i) {
    waiters.emplace_back([&] {
      flag.wait();
      ++woken;
    });
  }
  std::this_thread::sleep_for(10ms);
  EXPECT_EQ(woken.load(), 0);
  flag.set();
  d::completion_flag::wake_all(flag.wake_address());
  for (auto& t : waiters) t.join();
  EXPECT_EQ(woken.load(), 4);
}

TEST(StopState, RefcountDeletesOnLastRelease) {
  // AddressSanitizer reports the leak or a double free if the count is wrong.
  auto* state = new d::stop_state;
  state->add_ref();
  state->release_ref();
  EXPECT_FALSE(state->stop_requested());
  state->release_ref();
}

TEST(StopState, CallbacksRunOnRequestAndNotAfterRemoval) {
  auto* state = new d::stop_state;
  struct flag_node : d::stop_callback_node {
    flag_node() : stop_callback_node(&run) {}
    static void run(stop_callback_node* self) noexcept { ++static_cast<flag_node*>(self)->calls; }
    int calls = 0;
  };
  flag_node kept, removed;
  ASSERT_TRUE(state->add_callback(&kept));
  ASSERT_TRUE(state->add_callback(&removed));
  state->remove_callback(&removed);
  EXPECT_TRUE(state->request_stop());
  EXPECT_FALSE(state->request_stop());
  EXPECT_EQ(kept.calls, 1);
  EXPECT_EQ(removed.calls, 0);
  flag_node late;
  EXPECT_FALSE(state->add_callback(&late)) << "after the request the caller runs it inline";
  state->remove_callback(&kept);  // already run, on this thread: returns at once
  state->release_ref();
}

TEST(SaturatingDeadline, HugeDurationsMeanForever) {
  using clock = std::chrono::steady_clock;
  EXPECT_EQ(d::deadline_after(std::chrono::nanoseconds::max()), clock::time_point::max());
  EXPECT_EQ(d::deadline_after(std::chrono::hours::max()), clock::time_point::max());
  EXPECT_EQ(d::deadline_after(std::chrono::duration<double>(1e300)), clock::time_point::max());
  auto before = clock::now();
  auto t = d::deadline_after(1s);
  EXPECT_GE(t, before + 1s);
  EXPECT_LT(t, clock::now() + 2s);
  const auto past = d::deadline_after(-5s);
  EXPECT_LE(past, clock::now());
}
