// thread_scope: joins, stops on leaving, the first failure stops the siblings and comes
// back out, nesting through a parent token, and the threads listed while they run.
#include <threadlife/scope.hpp>
#include <threadlife/wait.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#ifndef THREADLIFE_STRESS_DIVISOR
#define THREADLIFE_STRESS_DIVISOR 1
#endif

namespace tl = threadlife;
using namespace std::chrono_literals;

namespace {

std::string what_of(const std::exception_ptr& cause) {
  if (!cause) return "<none>";
  try {
    std::rethrow_exception(cause);
  } catch (const std::exception& e) {
    return e.what();
  }
}

// Runs until stopped; counts the stops it saw.
struct until_stopped {
  std::atomic<int>* stopped;
  void operator()(tl::stop_token token) const {
    while (tl::sleep_for(token, 10s)) {
    }
    ++*stopped;
  }
};

}  // namespace

TEST(ThreadScope, JoinWaitsForEveryChild) {
  std::atomic<int> done{0};
  tl::thread_scope scope;
  for (int i = 0; i < 4; ++i) {
    scope.spawn([&] {
      std::this_thread::sleep_for(10ms);
      ++done;
    });
  }
  scope.join();
  EXPECT_EQ(done.load(), 4);
  EXPECT_FALSE(scope.stop_requested());
}

TEST(ThreadScope, LeavingTheScopeStopsAndJoinsTheChildren) {
  std::atomic<int> stopped{0};
  {
    tl::thread_scope scope;
    scope.spawn(until_stopped{&stopped});
    scope.spawn(until_stopped{&stopped});
  }
  EXPECT_EQ(stopped.load(), 2);
}

TEST(ThreadScope, FirstFailureStopsTheSiblingsAndIsRethrownFromJoin) {
  std::atomic<int> stopped{0};
  std::string sibling_saw;
  tl::thread_scope scope;
  scope.spawn([&](tl::stop_token token) {
    while (tl::sleep_for(token, 10s)) {
    }
    sibling_saw = what_of(tl::stop_cause(token));
    ++stopped;
  });
  scope.spawn([] {
    std::this_thread::sleep_for(10ms);
    throw std::runtime_error("child failed");
  });
  try {
    scope.join();
    ADD_FAILURE() << "join() did not rethrow";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "child failed");
  }
  EXPECT_EQ(stopped.load(), 1);
  EXPECT_EQ(sibling_saw, "child failed");
  EXPECT_TRUE(scope.stop_requested());
  scope.join();  // rethrown once only
}

TEST(ThreadScope, OnlyTheFirstOfSeveralFailuresComesOut) {
  tl::thread_scope scope;
  scope.spawn([] { throw std::runtime_error("first"); });
  // The first failure is kept before it stops the scope: once stopped, "first" is in,
  // however late its thread ran.
  const auto until = std::chrono::steady_clock::now() + 60s;
  while (!scope.stop_requested() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_TRUE(scope.stop_requested());
  scope.spawn([] { throw std::runtime_error("second"); });
  EXPECT_THROW(
      {
        try {
          scope.join();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "first");
          throw;
        }
      },
      std::runtime_error);
}

TEST(ThreadScope, DestructorRethrowsWhenJoinWasNotCalled) {
  auto leave = [] {
    tl::thread_scope scope;
    scope.spawn([] { throw std::logic_error("from a child"); });
    std::this_thread::sleep_for(10ms);
  };
  EXPECT_THROW(leave(), std::logic_error);
}

TEST(ThreadScope, DestructorDoesNotThrowWhileUnwinding) {
  try {
    tl::thread_scope scope;
    scope.spawn([] { throw std::logic_error("child"); });
    std::this_thread::sleep_for(10ms);
    throw std::runtime_error("outer");
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "outer");
  }
}

TEST(ThreadScope, StopsWithItsParentAndNests) {
  tl::stop_source_with_cause parent;
  std::atomic<int> stopped{0};
  std::string inner_saw;
  std::thread stopper([&] {
    std::this_thread::sleep_for(20ms);
    parent.request_stop(std::runtime_error("shutting down"));
  });
  {
    tl::thread_scope outer(parent.get_token());
    outer.spawn([&](tl::stop_token token) {
      tl::thread_scope inner(token);
      inner.spawn(until_stopped{&stopped});
      inner.spawn([&](tl::stop_token t) {
        until_stopped{&stopped}(t);
        inner_saw = what_of(tl::stop_cause(t));
      });
      inner.join();
    });
    outer.join();
  }
  stopper.join();
  EXPECT_EQ(stopped.load(), 2);
  EXPECT_EQ(inner_saw, "shutting down");
}

TEST(ThreadScope, ChildrenMaySpawnSiblingsWhileTheScopeJoins) {
  std::atomic<int> ran{0};
  tl::thread_scope scope;
  scope.spawn([&] {
    std::this_thread::sleep_for(10ms);
    scope.spawn([&] {
      std::this_thread::sleep_for(10ms);
      ++ran;
    });
    ++ran;
  });
  scope.join();
  EXPECT_EQ(ran.load(), 2);
}

TEST(ThreadScope, ChildrenAreListedWhileTheyRun) {
  std::atomic<bool> release{false};
  tl::thread_scope scope;
  const unsigned line = __LINE__ + 1;
  scope.spawn("lister", [&] { while (!release) std::this_thread::sleep_for(1ms); });
  bool found = false;
  for (const tl::running_thread& t : tl::running_threads()) {
    if (t.name == "lister") {
      found = true;
      EXPECT_EQ(t.site.line, line);
      EXPECT_NE(std::string(t.site.file).find("scope_test.cpp"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
  release = true;
  scope.join();
  for (const tl::running_thread& t : tl::running_threads()) EXPECT_NE(t.name, "lister");
}

TEST(ThreadScopeStress, ManyScopesWithFailingAndStoppedChildren) {
  const int rounds = 300 / THREADLIFE_STRESS_DIVISOR;
  for (int round = 0; round < rounds; ++round) {
    std::atomic<int> ended{0};
    bool threw = false;
    try {
      tl::thread_scope scope;
      for (int i = 0; i < 4; ++i) {
        scope.spawn([&, i](tl::stop_token token) {
          struct count {
            std::atomic<int>& n;
            ~count() { ++n; }
          } counted{ended};
          if (i == round % 5) throw std::runtime_error("fail");
          while (tl::sleep_for(token, 10s)) {
          }
        });
      }
      if (round % 5 == 4) scope.request_stop();
      scope.join();
    } catch (const std::runtime_error&) {
      threw = true;
    }
    ASSERT_EQ(ended.load(), 4) << "round " << round;
    ASSERT_EQ(threw, round % 5 != 4) << "round " << round;
  }
}
