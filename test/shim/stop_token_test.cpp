// Conformance of threadlife::stop_token, stop_source, stop_callback and nostopstate with
// the standard's wording ([thread.stoptoken], C++20). The same file runs against
// std::stop_token (C++20 build) and against the shim's own implementation (C++17 build,
// and C++20 with THREADLIFE_OWN_STOP_TOKEN), so both are held to the same expectations.
#include <threadlife/stop_token.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace tl = threadlife;
using namespace std::chrono_literals;

namespace {

// Spins (yielding) until `flag` is true; a test that would hang fails by its timeout.
void await(const std::atomic<bool>& flag) {
  while (!flag.load(std::memory_order_acquire)) std::this_thread::yield();
}

struct counter {
  int* calls;
  void operator()() const noexcept { ++*calls; }
};

}  // namespace

TEST(StopTokenMode, TheExpectedImplementationIsTested) {
  // C++20 builds test libstdc++'s types; C++17 and THREADLIFE_OWN_STOP_TOKEN builds the
  // shim's own. A build that silently tested the other one would prove nothing.
#if __cplusplus >= 202002L && !defined(THREADLIFE_OWN_STOP_TOKEN)
  EXPECT_EQ(THREADLIFE_STD_STOP_TOKEN, 1);
  EXPECT_TRUE((std::is_same_v<tl::stop_token, std::stop_token>));
  RecordProperty("implementation", "std");
#else
  EXPECT_EQ(THREADLIFE_STD_STOP_TOKEN, 0);
  RecordProperty("implementation", "own");
#endif
}

// ---- [stoptoken.general], [stopsource.general], [stopcallback.general]: the types ----

TEST(StopTokenTypes, CopyAndMoveAsSpecified) {
  static_assert(std::is_nothrow_default_constructible_v<tl::stop_token>);
  static_assert(std::is_nothrow_copy_constructible_v<tl::stop_token>);
  static_assert(std::is_nothrow_move_constructible_v<tl::stop_token>);
  static_assert(std::is_nothrow_copy_assignable_v<tl::stop_token>);
  static_assert(std::is_nothrow_move_assignable_v<tl::stop_token>);
  static_assert(std::is_nothrow_swappable_v<tl::stop_token>);

  static_assert(std::is_default_constructible_v<tl::stop_source>);
  static_assert(std::is_nothrow_copy_constructible_v<tl::stop_source>);
  static_assert(std::is_nothrow_move_constructible_v<tl::stop_source>);
  static_assert(std::is_nothrow_swappable_v<tl::stop_source>);
  static_assert(std::is_nothrow_constructible_v<tl::stop_source, tl::nostopstate_t>);
  static_assert(!std::is_convertible_v<tl::nostopstate_t, tl::stop_source>,
                "stop_source(nostopstate_t) is explicit");
  static_assert(std::is_same_v<decltype(tl::nostopstate), const tl::nostopstate_t>);

  using cb = tl::stop_callback<counter>;
  static_assert(std::is_same_v<cb::callback_type, counter>);
  static_assert(!std::is_copy_constructible_v<cb>);
  static_assert(!std::is_move_constructible_v<cb>);
  static_assert(!std::is_copy_assignable_v<cb>);
  static_assert(!std::is_move_assignable_v<cb>);
  static_assert(!std::is_convertible_v<tl::stop_token, cb>);
  SUCCEED();
}

TEST(StopCallbackTypes, ConstructorNoexceptFollowsTheCallback) {
  struct throwing_copy {
    throwing_copy() = default;
    throwing_copy(const throwing_copy&) noexcept(false) {}
    void operator()() const noexcept {}
  };
  static_assert(std::is_nothrow_constructible_v<tl::stop_callback<counter>, const tl::stop_token&,
                                                counter>);
  static_assert(!std::is_nothrow_constructible_v<tl::stop_callback<throwing_copy>,
                                                 const tl::stop_token&, const throwing_copy&>);
  static_assert(std::is_nothrow_constructible_v<tl::stop_callback<counter>, tl::stop_token&&,
                                                counter>);
  static_assert(!std::is_constructible_v<tl::stop_callback<counter>, const tl::stop_token&, int>,
                "constrained on constructible_from<Callback, C>");
  SUCCEED();
}

TEST(StopCallbackTypes, DeductionGuide) {
  tl::stop_source source;
  int calls = 0;
  tl::stop_callback callback(source.get_token(), [&calls] { ++calls; });
  static_assert(!std::is_reference_v<decltype(callback)::callback_type>);
  source.request_stop();
  EXPECT_EQ(calls, 1);
}

// ---- [stoptoken.cons], [stoptoken.mem] ----

TEST(StopToken, DefaultHasNoStopState) {
  tl::stop_token token;
  EXPECT_FALSE(token.stop_possible());
  EXPECT_FALSE(token.stop_requested());
  EXPECT_TRUE(token == tl::stop_token());
}

TEST(StopToken, CopySharesTheStopState) {
  tl::stop_source source;
  tl::stop_token a = source.get_token();
  tl::stop_token b(a);
  EXPECT_TRUE(a == b);
  EXPECT_TRUE(b.stop_possible());
  source.request_stop();
  EXPECT_TRUE(a.stop_requested());
  EXPECT_TRUE(b.stop_requested());
}

TEST(StopToken, MoveLeavesTheSourceEmpty) {
  tl::stop_source source;
  tl::stop_token a = source.get_token();
  tl::stop_token b(std::move(a));
  EXPECT_FALSE(a.stop_possible());  // NOLINT(bugprone-use-after-move): specified state
  EXPECT_TRUE(a == tl::stop_token());
  EXPECT_TRUE(b == source.get_token());

  tl::stop_token c;
  c = std::move(b);
  EXPECT_FALSE(b.stop_possible());  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(c == source.get_token());
}

TEST(StopToken, CopyAssignmentReplacesTheStopState) {
  tl::stop_source first;
  tl::stop_source second;
  tl::stop_token token = first.get_token();
  token = second.get_token();
  EXPECT_TRUE(token == second.get_token());
  EXPECT_FALSE(token == first.get_token());
  const tl::stop_token& self = token;
  token = self;
  EXPECT_TRUE(token == second.get_token());
  token = tl::stop_token();
  EXPECT_FALSE(token.stop_possible());
}

TEST(StopToken, SwapExchangesStopStates) {
  tl::stop_source source;
  tl::stop_token a = source.get_token();
  tl::stop_token b;
  a.swap(b);
  EXPECT_FALSE(a.stop_possible());
  EXPECT_TRUE(b == source.get_token());
  swap(a, b);
  EXPECT_TRUE(a == source.get_token());
  EXPECT_FALSE(b.stop_possible());
}

TEST(StopToken, StopPossibleWhileASourceRemains) {
  tl::stop_token token;
  {
    tl::stop_source source;
    token = source.get_token();
    tl::stop_source copy = source;
    EXPECT_TRUE(token.stop_possible());
  }
  // No stop request and no associated stop_source left.
  EXPECT_FALSE(token.stop_possible());
  EXPECT_FALSE(token.stop_requested());
}

TEST(StopToken, StopPossibleAfterARequestEvenWithoutSources) {
  tl::stop_token token;
  {
    tl::stop_source source;
    token = source.get_token();
    source.request_stop();
  }
  EXPECT_TRUE(token.stop_possible());
  EXPECT_TRUE(token.stop_requested());
}

TEST(StopToken, StopPossibleWhileOnlyAMovedSourceRemains) {
  tl::stop_source source;
  tl::stop_token token = source.get_token();
  tl::stop_source moved(std::move(source));
  EXPECT_TRUE(token.stop_possible());
  { tl::stop_source gone(std::move(moved)); }
  EXPECT_FALSE(token.stop_possible());
}

TEST(StopToken, OutlivesItsSources) {
  std::optional<tl::stop_source> source(std::in_place);
  tl::stop_token token = source->get_token();
  source->request_stop();
  source.reset();
  tl::stop_token copy = token;
  EXPECT_TRUE(copy.stop_requested());
}

TEST(StopToken, EqualityIsSharedOwnership) {
  tl::stop_source a;
  tl::stop_source b;
  EXPECT_TRUE(a.get_token() == a.get_token());
  EXPECT_FALSE(a.get_token() == b.get_token());
  EXPECT_TRUE(a.get_token() != b.get_token());
  EXPECT_TRUE(tl::stop_token() == tl::stop_token());
  EXPECT_FALSE(a.get_token() == tl::stop_token());
}

// ---- [stopsource.cons], [stopsource.mem] ----

TEST(StopSource, DefaultHasANewStopState) {
  tl::stop_source source;
  EXPECT_TRUE(source.stop_possible());
  EXPECT_FALSE(source.stop_requested());
  EXPECT_FALSE(source == tl::stop_source());
}

TEST(StopSource, NoStopStateMeansNothingToRequest) {
  tl::stop_source source(tl::nostopstate);
  EXPECT_FALSE(source.stop_possible());
  EXPECT_FALSE(source.stop_requested());
  EXPECT_FALSE(source.request_stop());
  EXPECT_FALSE(source.stop_requested());
  EXPECT_TRUE(source.get_token() == tl::stop_token());
  EXPECT_FALSE(source.get_token().stop_possible());
  EXPECT_TRUE(source == tl::stop_source(tl::nostopstate));
}

TEST(StopSource, CopyAndMove) {
  tl::stop_source a;
  tl::stop_source b(a);
  EXPECT_TRUE(a == b);
  tl::stop_source c(std::move(b));
  EXPECT_FALSE(b.stop_possible());  // NOLINT(bugprone-use-after-move): specified state
  EXPECT_TRUE(c == a);

  tl::stop_source d(tl::nostopstate);
  d = a;
  EXPECT_TRUE(d == a);
  tl::stop_source e;
  e = std::move(d);
  EXPECT_FALSE(d.stop_possible());  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(e == a);
  const tl::stop_source& self = e;
  e = self;
  EXPECT_TRUE(e == a);

  tl::stop_source f;
  swap(e, f);
  EXPECT_TRUE(f == a);
  EXPECT_FALSE(e == a);
  e.swap(f);
  EXPECT_TRUE(e == a);
}

TEST(StopSource, RequestStopReturnsTrueExactlyOnce) {
  tl::stop_source source;
  tl::stop_source copy = source;
  EXPECT_TRUE(source.request_stop());
  EXPECT_FALSE(source.request_stop());
  EXPECT_FALSE(copy.request_stop());
  EXPECT_TRUE(source.stop_requested());
  EXPECT_TRUE(copy.stop_requested());
  EXPECT_TRUE(source.stop_possible());
}

TEST(StopSource, GetTokenSharesTheStopState) {
  tl::stop_source source;
  tl::stop_token token = source.get_token();
  EXPECT_TRUE(token.stop_possible());
  EXPECT_FALSE(token.stop_requested());
  source.request_stop();
  EXPECT_TRUE(token.stop_requested());
  EXPECT_TRUE(source.get_token().stop_requested());
}

TEST(StopSource, RequestIsVisibleToAllTokensAndSources) {
  tl::stop_source a;
  tl::stop_source b = a;
  std::vector<tl::stop_token> tokens(5, b.get_token());
  a.request_stop();
  for (const tl::stop_token& token : tokens) EXPECT_TRUE(token.stop_requested());
  EXPECT_TRUE(b.stop_requested());
}

// ---- [stopcallback.cons] ----

TEST(StopCallback, NotInvokedBeforeTheRequest) {
  tl::stop_source source;
  int calls = 0;
  tl::stop_callback<counter> callback(source.get_token(), counter{&calls});
  EXPECT_EQ(calls, 0);
  source.request_stop();
  EXPECT_EQ(calls, 1);
  source.request_stop();
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, InvokedInlineWhenAlreadyStopped) {
  tl::stop_source source;
  source.request_stop();
  std::thread::id ran_on;
  int calls = 0;
  tl::stop_callback callback(source.get_token(), [&] {
    ++calls;
    ran_on = std::this_thread::get_id();
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(StopCallback, InvokedInlineFromAnRvalueToken) {
  tl::stop_source source;
  source.request_stop();
  int calls = 0;
  tl::stop_callback<counter> callback(source.get_token(), counter{&calls});
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, RvalueTokenRegisters) {
  tl::stop_source source;
  int calls = 0;
  tl::stop_token token = source.get_token();
  tl::stop_callback<counter> callback(std::move(token), counter{&calls});
  EXPECT_EQ(calls, 0);
  source.request_stop();
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, NeverInvokedWithoutAStopState) {
  int calls = 0;
  { tl::stop_callback<counter> callback(tl::stop_token(), counter{&calls}); }
  tl::stop_source none(tl::nostopstate);
  { tl::stop_callback<counter> callback(none.get_token(), counter{&calls}); }
  none.request_stop();
  EXPECT_EQ(calls, 0);
}

TEST(StopCallback, KeepsTheStopStateAlive) {
  int calls = 0;
  std::optional<tl::stop_source> source(std::in_place);
  tl::stop_source copy = *source;
  tl::stop_callback<counter> callback(source->get_token(), counter{&calls});
  source.reset();
  copy.request_stop();
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, InvokedOnTheRequestingThread) {
  tl::stop_source source;
  std::thread::id ran_on;
  tl::stop_callback callback(source.get_token(), [&] { ran_on = std::this_thread::get_id(); });
  std::thread::id requester;
  std::thread([&] {
    requester = std::this_thread::get_id();
    EXPECT_TRUE(source.request_stop());
  }).join();
  EXPECT_EQ(ran_on, requester);
}

TEST(StopCallback, EveryCallbackRunsOnceBeforeRequestStopReturnsTrue) {
  tl::stop_source source;
  constexpr int n = 50;
  std::vector<int> calls(n, 0);
  std::vector<std::unique_ptr<tl::stop_callback<counter>>> callbacks;
  for (int i = 0; i < n; ++i) {
    callbacks.push_back(
        std::make_unique<tl::stop_callback<counter>>(source.get_token(), counter{&calls[i]}));
  }
  EXPECT_TRUE(source.request_stop());
  for (int i = 0; i < n; ++i) EXPECT_EQ(calls[i], 1) << i;
  EXPECT_FALSE(source.request_stop());
  for (int i = 0; i < n; ++i) EXPECT_EQ(calls[i], 1) << i;
}

TEST(StopCallback, DeregisteredCallbackIsNotInvoked) {
  tl::stop_source source;
  int calls = 0;
  { tl::stop_callback<counter> callback(source.get_token(), counter{&calls}); }
  tl::stop_callback<counter> kept(source.get_token(), counter{&calls});
  source.request_stop();
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, InvokedAsAnRvalue) {
  // [stopcallback.cons]: std::forward<CallbackFn>(callback)() is evaluated.
  struct rvalue_only {
    int* calls;
    void operator()() && noexcept { ++*calls; }
    void operator()() & = delete;
  };
  int calls = 0;
  tl::stop_source source;
  tl::stop_callback<rvalue_only> registered(source.get_token(), rvalue_only{&calls});
  source.request_stop();
  tl::stop_callback<rvalue_only> inline_run(source.get_token(), rvalue_only{&calls});
  EXPECT_EQ(calls, 2);
}

TEST(StopCallback, LvalueReferenceCallback) {
  int calls = 0;
  counter fn{&calls};
  tl::stop_source source;
  tl::stop_callback<counter&> callback(source.get_token(), fn);
  source.request_stop();
  EXPECT_EQ(calls, 1);
}

TEST(StopCallback, ConstructionIsNotInvocation) {
  struct noisy {
    int* constructed;
    int* calls;
    noisy(int* c, int* k) : constructed(c), calls(k) { ++*constructed; }
    void operator()() const noexcept { ++*calls; }
  };
  int constructed = 0;
  int calls = 0;
  tl::stop_source source;
  tl::stop_callback<noisy> callback(source.get_token(), noisy(&constructed, &calls));
  EXPECT_EQ(constructed, 1);
  EXPECT_EQ(calls, 0);
}

// ---- the hard parts: re-entrancy and concurrency ----

TEST(StopCallback, RequestStopInsideACallbackReturnsFalse) {
  tl::stop_source source;
  std::optional<bool> inner;
  tl::stop_callback callback(source.get_token(), [&] { inner = source.request_stop(); });
  EXPECT_TRUE(source.request_stop());
  ASSERT_TRUE(inner.has_value());
  EXPECT_FALSE(*inner);
}

TEST(StopCallback, RegisteringInsideACallbackRunsInline) {
  tl::stop_source source;
  int nested_calls = 0;
  bool nested_done_inside = false;
  tl::stop_callback outer(source.get_token(), [&] {
    tl::stop_callback<counter> nested(source.get_token(), counter{&nested_calls});
    nested_done_inside = nested_calls == 1;
  });
  source.request_stop();
  EXPECT_TRUE(nested_done_inside);
  EXPECT_EQ(nested_calls, 1);
}

TEST(StopCallback, DestroyingItselfInsideItsCallbackDoesNotDeadlock) {
  tl::stop_source source;
  std::unique_ptr<tl::stop_callback<std::function<void()>>> callback;
  int calls = 0;
  callback = std::make_unique<tl::stop_callback<std::function<void()>>>(
      source.get_token(), std::function<void()>([&] {
        ++calls;
        callback.reset();  // destroys the stop_callback whose callback is running
      }));
  EXPECT_TRUE(source.request_stop());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(callback, nullptr);
}

TEST(StopCallback, DestroyingAnotherCallbackInsideACallback) {
  // Whichever runs first destroys the other; the other must then not run (if it had
  // not) and its destruction must not deadlock (if it had).
  tl::stop_source source;
  int calls_a = 0;
  int calls_b = 0;
  std::unique_ptr<tl::stop_callback<std::function<void()>>> a;
  std::unique_ptr<tl::stop_callback<std::function<void()>>> b;
  a = std::make_unique<tl::stop_callback<std::function<void()>>>(
      source.get_token(), std::function<void()>([&] {
        ++calls_a;
        b.reset();
      }));
  b = std::make_unique<tl::stop_callback<std::function<void()>>>(
      source.get_token(), std::function<void()>([&] {
        ++calls_b;
        a.reset();
      }));
  EXPECT_TRUE(source.request_stop());
  EXPECT_EQ(calls_a + calls_b, 1);
  EXPECT_TRUE(a == nullptr || b == nullptr);
}

TEST(StopCallback, DestroyingAFinishedCallbackInsideALaterOne) {
  // Three callbacks; the middle one destroys both others. Whatever the order, each runs
  // at most once, every destruction returns, and one that was destroyed before its turn
  // never runs.
  tl::stop_source source;
  using cb = tl::stop_callback<std::function<void()>>;
  std::unique_ptr<cb> first;
  std::unique_ptr<cb> last;
  int calls_first = 0;
  int calls_last = 0;
  int calls_middle = 0;
  first = std::make_unique<cb>(source.get_token(), std::function<void()>([&] { ++calls_first; }));
  cb middle(source.get_token(), std::function<void()>([&] {
              ++calls_middle;
              first.reset();
              last.reset();
            }));
  last = std::make_unique<cb>(source.get_token(), std::function<void()>([&] { ++calls_last; }));
  source.request_stop();
  EXPECT_EQ(calls_middle, 1);
  EXPECT_LE(calls_first, 1);
  EXPECT_LE(calls_last, 1);
  EXPECT_EQ(first, nullptr);
  EXPECT_EQ(last, nullptr);
}

TEST(StopCallback, NoLockIsHeldWhileACallbackRuns) {
  // The callback waits for another thread that registers, deregisters and queries the
  // same stop state. If request_stop() held a lock around the callback, this would hang.
  tl::stop_source source;
  std::atomic<bool> other_done{false};
  tl::stop_callback callback(source.get_token(), [&] {
    std::thread other([&] {
      int calls = 0;
      { tl::stop_callback<counter> late(source.get_token(), counter{&calls}); }
      EXPECT_EQ(calls, 1);  // registered after the request: ran inline
      EXPECT_TRUE(source.stop_requested());
      EXPECT_FALSE(source.request_stop());
      other_done = true;
    });
    other.join();
  });
  EXPECT_TRUE(source.request_stop());
  EXPECT_TRUE(other_done);
}

TEST(StopCallback, DestructorWaitsForTheCallbackRunningOnAnotherThread) {
  tl::stop_source source;
  std::atomic<bool> entered{false};
  std::atomic<bool> release{false};
  std::atomic<bool> finished{false};
  auto callback = std::make_unique<tl::stop_callback<std::function<void()>>>(
      source.get_token(), std::function<void()>([&] {
        entered = true;
        await(release);
        std::this_thread::sleep_for(20ms);
        finished = true;
      }));
  std::thread requester([&] { source.request_stop(); });
  await(entered);
  std::thread releaser([&] {
    std::this_thread::sleep_for(20ms);
    release = true;
  });
  callback.reset();  // must block until the callback returned
  EXPECT_TRUE(finished.load());
  requester.join();
  releaser.join();
}

TEST(StopCallback, LosingRequestStopDoesNotWaitForCallbacks) {
  // request_stop() that returns false need not wait for the callbacks of the winner.
  tl::stop_source source;
  std::atomic<bool> entered{false};
  std::atomic<bool> release{false};
  tl::stop_callback callback(source.get_token(), [&] {
    entered = true;
    await(release);
  });
  std::thread winner([&] { EXPECT_TRUE(source.request_stop()); });
  await(entered);
  EXPECT_FALSE(source.request_stop());  // returns while the winner's callback still runs
  EXPECT_TRUE(source.stop_requested());
  release = true;
  winner.join();
}

TEST(StopCallback, ThrowingCallbackTerminates) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  struct thrower {
    void operator()() const { throw 42; }
  };
  EXPECT_DEATH(
      {
        tl::stop_source source;
        tl::stop_callback<thrower> callback(source.get_token(), thrower{});
        source.request_stop();
      },
      "");
  EXPECT_DEATH(
      {
        tl::stop_source source;
        source.request_stop();
        tl::stop_callback<thrower> callback(source.get_token(), thrower{});
      },
      "");
}

// ---- [thread.stoptoken.intro]: synchronization ----

TEST(StopSynchronization, RequestStopSynchronizesWithStopRequested) {
  // Plain (non-atomic) data written before request_stop() is visible to a thread that
  // sees stop_requested() true. ThreadSanitizer reports a race if it were not.
  for (int round = 0; round < 200; ++round) {
    tl::stop_source source;
    int payload = 0;
    std::thread reader([&, token = source.get_token()] {
      while (!token.stop_requested()) std::this_thread::yield();
      EXPECT_EQ(payload, round + 1);
    });
    payload = round + 1;
    source.request_stop();
    reader.join();
  }
}

TEST(StopSynchronization, RegistrationSynchronizesWithInvocation) {
  // Data written before registering is visible to the callback running on the
  // requesting thread; data the callback writes is visible after the destructor returns.
  for (int round = 0; round < 200; ++round) {
    tl::stop_source source;
    int before = 0;
    int inside = 0;
    std::atomic<bool> registered{false};
    std::thread requester([&] {
      await(registered);
      source.request_stop();
    });
    before = round + 1;
    {
      tl::stop_callback callback(source.get_token(), [&] { inside = before; });
      registered = true;
      while (!source.stop_requested()) std::this_thread::yield();
    }
    EXPECT_EQ(inside, round + 1);
    requester.join();
  }
}
