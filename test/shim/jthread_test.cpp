// threadlife::jthread: std::jthread's interface ([thread.jthread.class]) plus the timed
// join and thread names.
#include <threadlife/jthread.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

namespace tl = threadlife;
using namespace std::chrono_literals;

namespace {
void await(const std::atomic<bool>& flag) {
  while (!flag.load(std::memory_order_acquire)) std::this_thread::yield();
}

template <class F>
std::errc error_of(F&& f) {
  try {
    f();
  } catch (const std::system_error& e) {
    return static_cast<std::errc>(e.code().value());
  }
  return std::errc{};
}
}  // namespace

TEST(JThreadTypes, LikeStdJThread) {
  static_assert(std::is_nothrow_default_constructible_v<tl::jthread>);
  static_assert(!std::is_copy_constructible_v<tl::jthread>);
  static_assert(!std::is_copy_assignable_v<tl::jthread>);
  static_assert(std::is_nothrow_move_constructible_v<tl::jthread>);
  static_assert(std::is_nothrow_move_assignable_v<tl::jthread>);
  static_assert(std::is_nothrow_swappable_v<tl::jthread>);
  static_assert(std::is_same_v<tl::jthread::id, std::thread::id>);
  static_assert(std::is_same_v<tl::jthread::native_handle_type, std::thread::native_handle_type>);
  static_assert(!std::is_convertible_v<void (*)(), tl::jthread>, "the constructor is explicit");
  EXPECT_EQ(tl::jthread::hardware_concurrency(), std::thread::hardware_concurrency());
}

TEST(JThread, DefaultHasNoThreadAndNoStopState) {
  tl::jthread t;
  EXPECT_FALSE(t.joinable());
  EXPECT_EQ(t.get_id(), tl::jthread::id());
  EXPECT_FALSE(t.get_stop_source().stop_possible());
  EXPECT_FALSE(t.get_stop_token().stop_possible());
  EXPECT_FALSE(t.request_stop());
}

TEST(JThread, PassesTheTokenFirstWhenTheCallableTakesIt) {
  tl::stop_token seen;
  int arg = 0;
  tl::jthread t(
      [&](tl::stop_token token, int x) {
        seen = std::move(token);
        arg = x;
      },
      42);
  tl::stop_token expected = t.get_stop_token();
  t.join();
  EXPECT_TRUE(seen == expected);
  EXPECT_TRUE(seen.stop_possible());
  EXPECT_EQ(arg, 42);
}

TEST(JThread, CallsWithoutTheTokenOtherwise) {
  int got = 0;
  tl::jthread t([&](int a, int b) { got = a + b; }, 2, 3);
  t.join();
  EXPECT_EQ(got, 5);
}

TEST(JThread, PrefersTheTokenWhenBothWouldWork) {
  struct either {
    int* which;
    void operator()(tl::stop_token) const { *which = 1; }
    void operator()() const { *which = 2; }
  };
  int which = 0;
  tl::jthread(either{&which}).join();
  EXPECT_EQ(which, 1);
}

TEST(JThread, CopiesArgumentsInTheCallingThread) {
  struct copy_records {
    std::thread::id* copied_on;
    copy_records(std::thread::id* where) : copied_on(where) {}
    copy_records(const copy_records& other) : copied_on(other.copied_on) {
      *copied_on = std::this_thread::get_id();
    }
    copy_records(copy_records&& other) noexcept : copied_on(other.copied_on) {}
  };
  std::thread::id copied_on;
  const copy_records arg(&copied_on);
  tl::jthread t([](const copy_records&) {}, arg);
  t.join();
  EXPECT_EQ(copied_on, std::this_thread::get_id());
}

TEST(JThread, MoveOnlyCallableAndArguments) {
  auto value = std::make_unique<int>(7);
  int got = 0;
  tl::jthread t([&got, owned = std::make_unique<int>(1)](std::unique_ptr<int> v) { got = *v + *owned; },
                std::move(value));
  t.join();
  EXPECT_EQ(got, 8);
}

TEST(JThread, DestructorRequestsStopAndJoins) {
  std::atomic<bool> finished{false};
  tl::stop_source source;
  {
    tl::jthread t([&](tl::stop_token token) {
      while (!token.stop_requested()) std::this_thread::yield();
      std::this_thread::sleep_for(10ms);
      finished = true;
    });
    source = t.get_stop_source();
  }
  EXPECT_TRUE(finished.load());
  EXPECT_TRUE(source.stop_requested());
}

TEST(JThread, MoveAssignmentStopsAndJoinsTheOldThread) {
  std::atomic<bool> first_finished{false};
  tl::jthread t([&](tl::stop_token token) {
    while (!token.stop_requested()) std::this_thread::yield();
    first_finished = true;
  });
  tl::stop_source first = t.get_stop_source();
  std::atomic<bool> second_ran{false};
  tl::jthread other([&] { second_ran = true; });
  const tl::jthread::id second_id = other.get_id();
  t = std::move(other);
  EXPECT_TRUE(first_finished.load());
  EXPECT_TRUE(first.stop_requested());
  EXPECT_EQ(t.get_id(), second_id);
  EXPECT_FALSE(other.joinable());  // NOLINT(bugprone-use-after-move): specified state
  t.join();
  EXPECT_TRUE(second_ran.load());
}

TEST(JThread, SelfMoveAssignmentDoesNothing) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { await(release); });
  const tl::jthread::id id = t.get_id();
  tl::jthread& same = t;
  t = std::move(same);
  EXPECT_TRUE(t.joinable());
  EXPECT_EQ(t.get_id(), id);
  EXPECT_FALSE(t.get_stop_token().stop_requested());
  release = true;
}

TEST(JThread, MoveConstructionTransfersThreadAndStopState) {
  std::atomic<bool> release{false};
  tl::jthread a([&] { await(release); });
  const tl::jthread::id id = a.get_id();
  tl::stop_token token = a.get_stop_token();
  tl::jthread b(std::move(a));
  EXPECT_FALSE(a.joinable());  // NOLINT(bugprone-use-after-move): specified state
  EXPECT_FALSE(a.get_stop_source().stop_possible());
  EXPECT_EQ(b.get_id(), id);
  EXPECT_TRUE(b.get_stop_token() == token);
  release = true;
}

TEST(JThread, Swap) {
  std::atomic<bool> release{false};
  tl::jthread a([&] { await(release); });
  tl::jthread b;
  const tl::jthread::id id = a.get_id();
  swap(a, b);
  EXPECT_FALSE(a.joinable());
  EXPECT_EQ(b.get_id(), id);
  a.swap(b);
  EXPECT_EQ(a.get_id(), id);
  release = true;
}

TEST(JThread, JoinErrors) {
  tl::jthread none;
  EXPECT_EQ(error_of([&] { none.join(); }), std::errc::invalid_argument);
  EXPECT_EQ(error_of([&] { none.detach(); }), std::errc::invalid_argument);
  EXPECT_EQ(error_of([&] { none.join_for(1ms); }), std::errc::invalid_argument);
  EXPECT_EQ(error_of([&] { none.join_until(std::chrono::steady_clock::now()); }),
            std::errc::invalid_argument);
}

TEST(JThread, SelfJoinThrowsResourceDeadlock) {
  std::atomic<tl::jthread*> self{nullptr};
  std::errc join_error{}, join_for_error{};
  tl::jthread t([&] {
    while (self.load() == nullptr) std::this_thread::yield();
    join_error = error_of([&] { self.load()->join(); });
    join_for_error = error_of([&] { self.load()->join_for(1s); });
  });
  self = &t;
  t.join();
  EXPECT_EQ(join_error, std::errc::resource_deadlock_would_occur);
  EXPECT_EQ(join_for_error, std::errc::resource_deadlock_would_occur);
}

TEST(JThread, Detach) {
  auto done = std::make_shared<std::atomic<bool>>(false);
  tl::stop_source source;
  {
    tl::jthread t([done](tl::stop_token token) {
      while (!token.stop_requested()) std::this_thread::yield();
      *done = true;
    });
    source = t.get_stop_source();
    t.detach();
    EXPECT_FALSE(t.joinable());
    EXPECT_EQ(t.get_id(), tl::jthread::id());
  }  // no join, no stop request
  EXPECT_FALSE(source.stop_requested());
  source.request_stop();
  await(*done);
}

TEST(JThread, GetStopSourceAndRequestStop) {
  tl::jthread t([](tl::stop_token token) {
    while (!token.stop_requested()) std::this_thread::yield();
  });
  tl::stop_source source = t.get_stop_source();
  EXPECT_TRUE(source.stop_possible());
  EXPECT_TRUE(source.get_token() == t.get_stop_token());
  EXPECT_TRUE(t.request_stop());
  EXPECT_FALSE(t.request_stop());
  EXPECT_TRUE(source.stop_requested());
  t.join();
  EXPECT_FALSE(t.joinable());
}

TEST(JThread, IdAndNativeHandle) {
  std::thread::id inside;
  pthread_t self{};
  tl::jthread t([&] {
    inside = std::this_thread::get_id();
    self = ::pthread_self();
  });
  const tl::jthread::id id = t.get_id();
  const auto handle = t.native_handle();
  t.join();
  EXPECT_EQ(id, inside);
  EXPECT_TRUE(::pthread_equal(handle, self));
}

// ---- timed join ----

TEST(JThreadTimedJoin, JoinForTimesOutWhileRunning) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { await(release); });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(t.join_for(30ms));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
  EXPECT_TRUE(t.joinable());
  release = true;
  EXPECT_TRUE(t.join_for(10s));
  EXPECT_FALSE(t.joinable());
}

TEST(JThreadTimedJoin, JoinForReturnsAsSoonAsTheThreadEnds) {
  tl::jthread t([] { std::this_thread::sleep_for(20ms); });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(t.join_for(std::chrono::hours(1)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_FALSE(t.joinable());
}

TEST(JThreadTimedJoin, HugeTimeoutMeansForever) {
  tl::jthread t([] { std::this_thread::sleep_for(20ms); });
  EXPECT_TRUE(t.join_for(std::chrono::nanoseconds::max()));
  EXPECT_FALSE(t.joinable());
}

TEST(JThreadTimedJoin, ZeroAndPastDeadlines) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { await(release); });
  EXPECT_FALSE(t.join_for(0ms));
  EXPECT_FALSE(t.join_for(-5s));
  EXPECT_FALSE(t.join_until(std::chrono::steady_clock::now() - 1s));
  release = true;
  while (!t.join_for(0ms)) std::this_thread::yield();  // polling a finished thread works
  EXPECT_FALSE(t.joinable());
}

TEST(JThreadTimedJoin, JoinUntilOtherClocks) {
  tl::jthread t([](tl::stop_token token) {
    while (!token.stop_requested()) std::this_thread::yield();
  });
  EXPECT_FALSE(t.join_until(std::chrono::system_clock::now() + 20ms));
  t.request_stop();
  EXPECT_TRUE(t.join_until(std::chrono::system_clock::now() + std::chrono::hours(1)));
}

TEST(JThreadTimedJoin, WaitsForThreadLocalDestructors) {
  // "Finished" includes the thread's thread_local objects: after a successful timed
  // join, what their destructors did is visible.
  static std::atomic<bool> tls_destroyed{false};
  struct tls_marker {
    ~tls_marker() {
      std::this_thread::sleep_for(20ms);
      tls_destroyed = true;
    }
  };
  tl::jthread t([] {
    thread_local tls_marker marker;
    (void)&marker;
  });
  ASSERT_TRUE(t.join_for(10s));
  EXPECT_TRUE(tls_destroyed.load());
}

TEST(JThreadTimedJoin, StopThenTimedJoinIsTheShutdownIdiom) {
  tl::jthread t([](tl::stop_token token) {
    while (!token.stop_requested()) std::this_thread::sleep_for(1ms);
  });
  t.request_stop();
  EXPECT_TRUE(t.join_for(10s));
}

// ---- names ----

TEST(JThreadName, SetNameIsVisibleToThePlatform) {
  std::atomic<bool> named{false};
  std::atomic<bool> release{false};
  std::string seen_inside;
  tl::jthread t([&] {
    await(named);
    seen_inside = tl::this_thread::name();
    await(release);
  });
  ASSERT_TRUE(t.set_name("tl-worker"));
  EXPECT_EQ(tl::thread_name(t.native_handle()), "tl-worker");
  named = true;
  release = true;
  t.join();
  EXPECT_EQ(seen_inside, "tl-worker");
}

TEST(JThreadName, LongNamesAreCut) {
  std::atomic<bool> release{false};
  tl::jthread t([&] { await(release); });
  ASSERT_TRUE(t.set_name("a-name-much-longer-than-fifteen-bytes"));
  const std::string name = tl::thread_name(t.native_handle());
  EXPECT_EQ(name, std::string("a-name-much-longer-than-fifteen-bytes").substr(0, name.size()));
  EXPECT_GE(name.size(), 15u);
  release = true;
}

TEST(JThreadName, NotJoinableCannotBeNamed) {
  tl::jthread none;
  EXPECT_FALSE(none.set_name("nobody"));
}

TEST(JThreadName, ThisThreadSetName) {
  std::string seen;
  tl::jthread t([&] {
    EXPECT_TRUE(tl::this_thread::set_name("self-named"));
    seen = tl::this_thread::name();
  });
  t.join();
  EXPECT_EQ(seen, "self-named");
}
