// RUN: %check_threadlife --check-suffixes=DEFAULT %s threadlife-unjoined-thread %t -- -std=c++17 -pthread
// RUN: %check_threadlife --check-suffixes=DEFAULT,STRICT %s threadlife-unjoined-thread %t -config='{CheckOptions: {threadlife-unjoined-thread.ExceptionPathsFromAnyCall: true}}' -- -std=c++17 -pthread

// An exception path is reported where a throw is plausible: a throw the
// function or a callee in the translation unit reaches, a library call
// documented to throw. A call to a function whose body is not visible (a
// test framework's non-fatal check, a logger) and an allocation are not
// taken to throw unless ExceptionPathsFromAnyCall asks for the strict
// reading.
#include <string>
#include <functional>
#include <thread>
#include <vector>

void work();
void check_message(bool ok, const char *what); // out of line, never throws
void fail_if(bool bad) {
  if (bad)
    throw 1;
}

void opaqueCall(bool ok) {
  std::thread t(work);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:15: warning: if 'check_message' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  check_message(ok, "ready");
  t.join();
}

void allocation() {
  std::thread t(work);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:15: warning: if an exception is thrown here, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  int *buffer = new int[64];
  delete[] buffer;
  t.join();
}

void visibleThrow(bool bad) {
  std::thread t(work);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: warning: if 'fail_if' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  fail_if(bad);
  t.join();
}

void documentedToThrow(const std::string &text) {
  std::thread t(work);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: warning: if 'stoi' throws, 't' is destroyed while joinable{{.*}} [threadlife-unjoined-thread]
  int n = std::stoi(text);
  (void)n;
  t.join();
}

// A test framework's assertion throws only to end a test that has failed:
// no exception path. doctest is header-only, so its react() is visible, as
// it is here (the parts of doctest.h the CHECK macro uses).
namespace doctest {
namespace detail {
struct TestFailureException {};
struct ResultBuilder {
  bool failed = false;
  bool require = false;
  void react() const {
    if (failed && require)
      throw TestFailureException();
  }
};
} // namespace detail
} // namespace doctest
#define CHECK(expr)                                                            \
  do {                                                                         \
    doctest::detail::ResultBuilder rb;                                         \
    rb.failed = !(expr);                                                       \
    if (rb.failed)                                                             \
      rb.react();                                                              \
  } while (false)
static bool healthy() { return true; }
void testedThread() {
  std::thread t([] {});
  CHECK(healthy());
  t.join();
}

// A constructor that starts a member thread and then throws: the destructor
// that would join it never runs.
struct Cluster {
  int open();
};
inline void openCluster(Cluster &c) {
  if (int rc = c.open())
    throw rc;
}

class Guard {
public:
  Guard() : io_(work) { openCluster(cluster_); }
  ~Guard() { io_.join(); }

private:
  std::thread io_;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:15: warning: 'io_' may still be joinable when an exception leaves the constructor of 'Guard': its destructor does not run, and destroying the thread calls std::terminate; join it before the exception leaves [threadlife-unjoined-thread]
  Cluster cluster_;
};

class GuardFixed {
public:
  GuardFixed() : io_(work) {
    try {
      openCluster(cluster_);
    } catch (...) {
      io_.join();
      throw;
    }
  }
  ~GuardFixed() { io_.join(); }

private:
  std::thread io_;
  Cluster cluster_;
};

// The same with a container of threads whose lambdas capture `this` only to
// reach a member that holds no thread; the destructor joins them in a
// range-for.
struct Io {
  void run();
};

class PoolGuard {
public:
  explicit PoolGuard(int n) {
    for (int i = 0; i < n; i++)
      threads_.emplace_back([this] { io_.run(); });
    openCluster(cluster_);
  }
  ~PoolGuard() {
    for (auto &t : threads_)
      t.join();
  }

private:
  Io io_;
  std::vector<std::thread> threads_;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:28: warning: the threads in 'threads_' may still be joinable when an exception leaves the constructor of 'PoolGuard': its destructor does not run, and destroying them calls std::terminate; join them before the exception leaves [threadlife-unjoined-thread]
  Cluster cluster_;
};

// A lambda that calls a member function may join the threads: nothing is
// known after it.
class PoolGuardHandsOff {
public:
  explicit PoolGuardHandsOff(int n) {
    for (int i = 0; i < n; i++)
      threads_.emplace_back(work);
    onError_ = [this] { stopAll(); };
    openCluster(cluster_);
  }
  ~PoolGuardHandsOff() { stopAll(); }

private:
  void stopAll() {
    for (auto &t : threads_)
      if (t.joinable())
        t.join();
  }
  std::function<void()> onError_;
  std::vector<std::thread> threads_;
  Cluster cluster_;
};
