// RUN: %check_threadlife %s threadlife-invalid-join %t -- -pthread

#include <pthread.h>
#include <thread>
#include <utility>
#include <windows.h>

void work();
void *run(void *arg);
DWORD runWin(void *arg);
bool ready();

// Positives.

void joinedTwice() {
  std::thread t(work);
  t.join();
  t.join();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 't' may already be joined here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
}

void joinAfterDetach(bool background) {
  std::thread t(work);
  if (background)
    t.detach();
  t.join();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 't' may already be detached here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: detached here
}

void detachAfterMove() {
  std::thread t(work);
  std::thread owner = std::move(t);
  t.detach();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 't' may have been moved from here: detach() on a thread that is not joinable throws std::system_error; detach a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:23: note: moved from here
  owner.join();
}

void neverStarted(bool threaded) {
  std::thread t;
  if (threaded)
    t = std::thread(work);
  t.join();
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 't' may never have been started here: join() on a thread that is not joinable throws std::system_error; join a thread once, or check joinable() first [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: declared here without a thread
}

class Worker {
public:
  void start() { thread_ = std::thread(work); }
  void stop() {
    thread_.join();
    thread_.join();
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'thread_' may already be joined here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: joined here
  }

private:
  std::thread thread_;
};

void posixJoinTwice() {
  pthread_t t;
  if (pthread_create(&t, nullptr, run, nullptr) != 0)
    return;
  pthread_join(t, nullptr);
  pthread_detach(t);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 't' may already be joined here: pthread_detach on it is undefined behaviour (the ID may name another thread by now); detach each thread exactly once [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: joined here
}

void win32CloseTwice() {
  HANDLE h = CreateThread(nullptr, 0, runWin, nullptr, 0, nullptr);
  CloseHandle(h);
  WaitForSingleObject(h, INFINITE);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'h' may already be closed here: using a closed handle is an error, and the value may name another object by now; close the handle once, after the last wait [threadlife-invalid-join]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: closed here
}

// Negatives.

// Guarded by joinable().
void guarded(bool background) {
  std::thread t(work);
  if (background)
    t.detach();
  if (t.joinable())
    t.join();
}

// Restarted between the joins.
void restarted() {
  std::thread t(work);
  t.join();
  t = std::thread(work);
  t.join();
}

// A member whose state on entry is unknown: the first join is fine.
class Service {
public:
  void stop() {
    running_ = false;
    worker_.join();
  }
  void restart() {
    stop();
    worker_ = std::thread(work);
  }

private:
  bool running_ = true;
  std::thread worker_;
};

// The same condition, unchanged, decides the start and the join.
void correlated(bool threaded) {
  std::thread t;
  if (threaded)
    t = std::thread(work);
  work();
  if (threaded)
    t.join();
}

// Waiting twice for a Win32 thread, then closing it, is fine.
void win32WaitTwice() {
  HANDLE h = CreateThread(nullptr, 0, runWin, nullptr, 0, nullptr);
  WaitForSingleObject(h, 100);
  WaitForSingleObject(h, INFINITE);
  CloseHandle(h);
}

// A self-joining thread joined once by hand.
void jthreadOnce() {
  std::jthread t(work);
  t.join();
}
