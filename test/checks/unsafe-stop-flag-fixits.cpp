// RUN: %check_threadlife --check-suffixes=ALL,PRE17 %s threadlife-unsafe-stop-flag %t -- -std=c++11 -pthread
// RUN: %check_threadlife --check-suffixes=ALL,PRE17,CXX14UP %s threadlife-unsafe-stop-flag %t -- -std=c++14 -pthread
// RUN: %check_threadlife --check-suffixes=ALL,POST17,CXX14UP %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread
// RUN: %check_threadlife --check-suffixes=ALL,POST17,CXX14UP %s threadlife-unsafe-stop-flag %t -- -std=c++20 -pthread

// The fix-it of unsafe-stop-flag compiles under every standard, or is not
// offered: each flag below is reported, and fixed only where the new type
// keeps every use compiling.

// <atomic> after a header that sorts later: not included a second time.
// includes:
#include <thread>
#include <atomic>
#include <cstdio>
// CHECK-FIXES-ALL: {{^}}// includes:{{$}}
// CHECK-FIXES-ALL-NEXT: {{^}}#include <thread>{{$}}
// CHECK-FIXES-ALL-NEXT: {{^}}#include <atomic>{{$}}

void work();

class Plain {
public:
  void start() { t_ = std::thread(&Plain::run, this); }
  void stop() { running_ = false; t_.join(); }
private:
  void run() { while (running_) work(); }
  bool running_ = true;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'running_' is polled
  // CHECK-FIXES-ALL: {{^}}  std::atomic<bool> running_{true};{{$}}
  std::thread t_;
};

class Copied {
public:
  void start() { t_ = std::thread(&Copied::run, this); }
  void stop() { copied_ = false; t_.join(); }
  bool snapshot() { auto copy = copied_; return copy; }
private:
  void run() { while (copied_) work(); }
  bool copied_ = true;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'copied_' is polled
  // No fix: `auto copy = copied_` would copy a std::atomic.
  // CHECK-FIXES-ALL: {{^}}  bool copied_ = true;{{$}}
  std::thread t_;
};

#if __cplusplus >= 201402L
class InitCaptured {
public:
  void start() { t_ = std::thread(&InitCaptured::run, this); }
  void stop() { captured_ = false; t_.join(); }
  bool peek() { auto f = [c = captured_] { return c; }; return f(); }
private:
  void run() { while (captured_) work(); }
  bool captured_ = true;
  // CHECK-MESSAGES-CXX14UP: :[[@LINE-1]]:8: warning: stop flag 'captured_' is polled
  // No fix: an init-capture copies it.
  // CHECK-FIXES-CXX14UP: {{^}}  bool captured_ = true;{{$}}
  std::thread t_;
};
#endif

void localCopied() {
  bool done = false;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'done' is polled
  // No fix: captured by copy in `peek`.
  // CHECK-FIXES-ALL: {{^}}  bool done = false;{{$}}
  std::thread t([&] { while (!done) work(); });
  auto peek = [done] { return done; };
  peek();
  done = true;
  t.join();
}

class Logged {
public:
  void start() { t_ = std::thread(&Logged::run, this); }
  void stop() { std::printf("%d\n", logged_); logged_ = false; t_.join(); }
private:
  void run() { while (logged_) work(); }
  bool logged_ = true;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'logged_' is polled
  // No fix: printf cannot take a std::atomic.
  // CHECK-FIXES-ALL: {{^}}  bool logged_ = true;{{$}}
  std::thread t_;
};

class Bits {
public:
  Bits() : bits_(true) {}
  void start() { t_ = std::thread(&Bits::run, this); }
  void stop() { bits_ = false; t_.join(); }
private:
  void run() { while (bits_) work(); }
  bool bits_ : 1;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'bits_' is polled
  // No fix: a bit-field cannot be atomic.
  // CHECK-FIXES-ALL: {{^}}  bool bits_ : 1;{{$}}
  std::thread t_;
};

class Toggled {
public:
  void start() { t_ = std::thread(&Toggled::run, this); }
  void stop() { toggled_ &= false; t_.join(); }
private:
  void run() { while (toggled_) work(); }
  bool toggled_ = true;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'toggled_' is polled
  // No fix: std::atomic<bool> has no &=.
  // CHECK-FIXES-ALL: {{^}}  bool toggled_ = true;{{$}}
  std::thread t_;
};

class Levels {
public:
  void start() { t_ = std::thread(&Levels::run, this); }
  void stop() { level_ *= 0; count_ -= 1; t_.join(); }
private:
  void run() { while (level_ != 0 && count_ != 0) work(); }
  int level_ = 1;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:7: warning: stop flag 'level_' is polled
  // No fix: std::atomic<int> has no *=.
  // CHECK-FIXES-ALL: {{^}}  int level_ = 1;{{$}}
  int count_ = 1;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:7: warning: stop flag 'count_' is polled
  // CHECK-FIXES-ALL: {{^}}  std::atomic<int> count_{1};{{$}}
  std::thread t_;
};

extern bool g_stop;
bool g_stop = false;
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:6: warning: stop flag 'g_stop' is polled
// No fix: declared again (extern), maybe in other files too.
// CHECK-FIXES-ALL: {{^}}bool g_stop = false;{{$}}
void pollStop() { while (!g_stop) work(); }
void startStop() { std::thread t(pollStop); g_stop = true; t.join(); }

static bool g_first = false, g_second = false;
// CHECK-MESSAGES-ALL: :[[@LINE-1]]:13: warning: stop flag 'g_first' is polled
// No fix: the type is shared with g_second.
// CHECK-FIXES-ALL: {{^}}static bool g_first = false, g_second = false;{{$}}
void pollFirst() { while (!g_first) work(); }
void startFirst() { std::thread t(pollFirst); g_first = true; t.join(); }

class Peeked {
public:
  void start() { t_ = std::thread(&Peeked::run, this); }
  void stop() { peeked_ = false; t_.join(); }
  bool peek() { auto f = [this] { return peeked_; }; return f(); }
private:
  void run() { while (peeked_) work(); }
  bool peeked_ = true;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'peeked_' is polled
  // No fix: a lambda returns it by deduced type: a copy.
  // CHECK-FIXES-ALL: {{^}}  bool peeked_ = true;{{$}}
  std::thread t_;
};

class Converted {
public:
  void start() { t_ = std::thread(&Converted::run, this); }
  void stop() { converted_ = false; t_.join(); }
private:
  void run() { while (converted_) work(); }
  bool converted_ = 1;
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:8: warning: stop flag 'converted_' is polled
  // Before C++17 only braces would compile, and they refuse the narrowing
  // int: no fix; from C++17 the copy-initialization is kept.
  // CHECK-FIXES-PRE17: {{^}}  bool converted_ = 1;{{$}}
  // CHECK-FIXES-POST17: {{^}}  std::atomic<bool> converted_ = 1;{{$}}
  std::thread t_;
};
