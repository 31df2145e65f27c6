// RUN: %check_threadlife %s threadlife-detached-thread %t -- -pthread
// RUN: %check_threadlife %s threadlife-detached-thread %t --check-suffix=STRICT -config='{CheckOptions: {threadlife-detached-thread.StrictMode: true}}' -- -pthread

#include <cstdlib>
#include <functional>
#include <pthread.h>
#include <thread>

void work(int &counter);
void *run(void *arg);
struct Config {
  int port;
};
void consume(Config &config);

// Positives.

void capturedByReference() {
  int counter = 0;
  std::thread t([&] { work(counter); });
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'counter', which its lambda captures by reference: once the caller returns, the thread uses a dead stack frame; pass it by value, or join the thread instead of detaching it [threadlife-detached-thread]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: warning: the detached thread may outlive 'counter'
}

void explicitCapture() {
  int counter = 0;
  std::thread([&counter] { work(counter); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: the detached thread may outlive 'counter', which its lambda captures by reference
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:46: warning: the detached thread may outlive 'counter'
}

struct Server {
  int port = 0;
  void serve();
  void start() {
    std::thread([this] { serve(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: the detached thread may outlive the object it reaches through 'this': nothing keeps the object alive while the thread runs; capture what it needs by value (or a shared_ptr), or join the thread instead of detaching it [threadlife-detached-thread]
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:38: warning: the detached thread may outlive the object
  }
  void startImplicit() {
    std::thread([=] { serve(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: the detached thread may outlive the object it reaches through 'this'
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:35: warning: the detached thread may outlive the object
  }
  void startMember() {
    std::thread(&Server::serve, this).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: the detached thread may outlive the object it reaches through 'this'
    // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:39: warning: the detached thread may outlive the object
  }
  // Started in one method, detached in another.
  void launch() { worker_ = std::thread([this] { serve(); }); }
  void release() { worker_.detach(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: the detached thread may outlive the object it reaches through 'this'
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:28: warning: the detached thread may outlive the object
  std::thread worker_;
};

void byStdRef() {
  Config config{8080};
  std::thread t(consume, std::ref(config));
  t.detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the detached thread may outlive 'config', which is passed to it by std::ref: once the caller returns, the thread uses a dead stack frame; pass it by value, or join the thread instead of detaching it [threadlife-detached-thread]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:5: warning: the detached thread may outlive 'config'
}

void posixAddressOfLocal() {
  int arg = 0;
  pthread_t t;
  pthread_create(&t, nullptr, run, &arg);
  pthread_detach(t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the detached thread may outlive 'arg', which is passed to it by address: once the caller returns, the thread uses a dead stack frame; give it an argument it owns (allocated, and freed by the thread), or join the thread instead of detaching it [threadlife-detached-thread]
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:3: warning: the detached thread may outlive 'arg'
}

// Negatives (without StrictMode).

// Captured by value: the thread has its own copy.
void capturedByValue() {
  int counter = 0;
  std::thread t([counter]() mutable { work(counter); });
  t.detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:5: warning: a detached thread runs without cleanup until it returns or the process ends, and nothing can wait for it; join it, or run it as a threadlife::daemon, which is stopped and joined at exit [threadlife-detached-thread]
}

// A static lives as long as the program: nothing dangles.
void staticCounter() {
  static int counter = 0;
  std::thread([&] { work(counter); }).detach();
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:39: warning: a detached thread runs without cleanup
}

// A copy of the object, not the object.
struct Snapshot {
  int value = 0;
  void publish() const;
  void start() {
    std::thread([*this] { publish(); }).detach();
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:41: warning: a detached thread runs without cleanup
  }
};

// By reference, but joined: the frame outlives the thread.
void joined() {
  int counter = 0;
  std::thread t([&] { work(counter); });
  t.join();
}

// The thread gets a heap argument it owns.
void posixHeapArgument() {
  pthread_t t;
  pthread_create(&t, nullptr, run, new int(0));
  pthread_detach(t);
  // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:3: warning: a detached thread runs without cleanup
}

// A singleton that is never destroyed (its destructor ends the process): a
// thread holding 'this' cannot outlive it.
class Env {
public:
  ~Env();
  void schedule() {
    std::thread([this] { drain(); }).detach();
    // CHECK-MESSAGES-STRICT: :[[@LINE-1]]:38: warning: a detached thread runs without cleanup
  }

private:
  void drain();
};
Env::~Env() { std::abort(); }
