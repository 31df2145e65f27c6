// RUN: %check_threadlife %s threadlife-blocking-wait-ignores-stop %t -- -pthread

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>
#include <sys/socket.h>
#include <unistd.h>
#include <poll.h>
#include <fcntl.h>

using namespace std::chrono_literals;

void work();
std::mutex m;
std::condition_variable cv;
std::condition_variable_any cva;
bool ready;

void plainWait(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [] { return ready; });
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'std::condition_variable::wait' blocks until notified and a stop request does not wake it, so the stop waits for the next notification; wait with the token: condition_variable_any::wait(lock, token, pred) [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
    work();
  }
}

void anyWithoutToken(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    cva.wait(lock);
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'std::condition_variable_any::wait' blocks until notified
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
  }
}

void longSleep(std::stop_token st) {
  for (;;) {
    if (st.stop_requested())
      return;
    work();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps 5000 ms and a stop request does not wake it, so stopping the thread takes as long; wait with the token instead: condition_variable_any::wait_for(lock, token, d, pred) [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-5]]:9: note: the loop checks for a stop request here
    std::this_thread::sleep_for(250ms);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps 250 ms
    // CHECK-NOTES: :[[@LINE-8]]:9: note: the loop checks for a stop request here
    sleep(2);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'sleep' sleeps 2000 ms
    // CHECK-NOTES: :[[@LINE-11]]:9: note: the loop checks for a stop request here
  }
}

constexpr auto kPoll = std::chrono::milliseconds(500);
void timedWait(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait_for(lock, kPoll);
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'std::condition_variable::wait_for' waits up to 500 ms and a stop request does not wake it; wait with the token: condition_variable_any::wait_for(lock, token, d, pred) [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
  }
}

void futures(std::stop_token st) {
  while (!st.stop_requested()) {
    std::future<int> f = std::async(std::launch::async, [] { return 1; });
    f.get();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'std::future::get' blocks until the result is ready and a stop request does not wake it; wait in short steps with wait_for and check for a stop request between them [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
    std::thread helper(work);
    helper.join();
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'std::thread::join' blocks until the other thread ends and a stop request does not wake it; ask that thread to stop first [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-8]]:11: note: the loop checks for a stop request here
  }
}

void serve(std::stop_token st) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  while (!st.stop_requested()) {
    int client = accept(listener, nullptr, nullptr);
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'accept' blocks until the descriptor has data and a stop request does not wake it; poll() it together with a pipe that the stop request writes to [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-3]]:11: note: the loop checks for a stop request here
    char buf[64];
    recv(client, buf, sizeof buf, 0);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'recv' blocks until the descriptor has data
    // CHECK-NOTES: :[[@LINE-7]]:11: note: the loop checks for a stop request here
    close(client);
  }
}

//===--- Negatives: each is fine, and why --------------------------------===//

// The wait takes the token: a stop request ends it.
void withToken(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    cva.wait(lock, st, [] { return ready; });
  }
}

// A stop_callback notifies the condition variable.
std::condition_variable wakeable;
void callbackNotifies(std::stop_token st) {
  std::stop_callback wake(st, [] { wakeable.notify_all(); });
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    wakeable.wait(lock);
  }
}

// The predicate looks at the stop request: whoever requests the stop is
// expected to notify.
void predicateChecks(std::stop_token st) {
  while (!st.stop_requested()) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return ready || st.stop_requested(); });
  }
}

// Short sleeps delay the stop by no more than MaxSleep (100 ms).
void shortSleep(std::stop_token st) {
  while (!st.stop_requested()) {
    std::this_thread::sleep_for(10ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    usleep(50000);
  }
}

// A sleep whose length is not known here is not judged.
void unknownSleep(std::stop_token st, std::chrono::milliseconds d) {
  while (!st.stop_requested())
    std::this_thread::sleep_for(d);
}

// A loop that does not observe a stop request is not this check's business.
void noObservation() {
  while (true) {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock);
  }
}

// A read after poll returns at once; reads from files do not block for long;
// a non-blocking socket does not block.
void readiness(std::stop_token st) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  pollfd p{s, POLLIN, 0};
  while (!st.stop_requested()) {
    if (poll(&p, 1, 50) > 0) {
      char buf[64];
      recv(s, buf, sizeof buf, 0);
    }
  }
}
void file(std::stop_token st) {
  int fd = open("data", O_RDONLY);
  char buf[64];
  while (!st.stop_requested() && read(fd, buf, sizeof buf) > 0)
    work();
}
void nonBlocking(std::stop_token st) {
  int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int t = socket(AF_INET, SOCK_STREAM, 0);
  fcntl(t, F_SETFL, O_NONBLOCK);
  char buf[64];
  while (!st.stop_requested()) {
    recv(s, buf, sizeof buf, 0);
    recv(t, buf, sizeof buf, 0);
    recv(t, buf, sizeof buf, MSG_DONTWAIT);
  }
}
