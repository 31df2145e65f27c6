// RUN: %check_threadlife --check-suffixes=CXX11 %s threadlife-blocking-wait-ignores-stop %t -config='{CheckOptions: {threadlife-blocking-wait-ignores-stop.StopObservers: "::stopRequested"}}' -- -std=c++11 -pthread
// RUN: %check_threadlife --real-std --check-suffixes=SHIM17 %s threadlife-blocking-wait-ignores-stop %t -- -std=c++17 -pthread -isystem %repo/shim/include -DUSE_SHIM

// The advice names only what the file can use: before C++20 there is no
// token to wait with, unless the file uses the runtime library.
#ifdef USE_SHIM
#include <threadlife/wait.hpp>
#endif
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

void work();
std::mutex m;
std::condition_variable cv;

#ifdef USE_SHIM
void worker(threadlife::stop_token st) {
  while (!st.stop_requested()) {
#else
bool stopRequested(); // the project's own stop flag, named in StopObservers
void worker() {
  while (!stopRequested()) {
#endif
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock);
    // CHECK-MESSAGES-CXX11: :[[@LINE-1]]:8: warning: 'std::condition_variable::wait' blocks until notified and a stop request does not wake it, so the stop waits for the next notification; notify it when the stop is requested, and test the stop flag in the wait's predicate [threadlife-blocking-wait-ignores-stop]
    // CHECK-MESSAGES-SHIM17: :[[@LINE-2]]:8: warning: 'std::condition_variable::wait' blocks until notified and a stop request does not wake it, so the stop waits for the next notification; wait with the token: threadlife::condition_variable_any::wait(lock, token, pred) [threadlife-blocking-wait-ignores-stop]
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    // CHECK-MESSAGES-CXX11: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps 2000 ms and a stop request does not wake it, so stopping the thread takes as long; wait on a condition variable that the stop request notifies, or sleep in short steps [threadlife-blocking-wait-ignores-stop]
    // CHECK-MESSAGES-SHIM17: :[[@LINE-2]]:5: warning: 'std::this_thread::sleep_for' sleeps 2000 ms and a stop request does not wake it, so stopping the thread takes as long; sleep with the token: threadlife::sleep_for(token, d) [threadlife-blocking-wait-ignores-stop]
    work();
  }
}
