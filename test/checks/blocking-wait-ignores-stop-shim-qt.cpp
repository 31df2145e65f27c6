// RUN: %check_threadlife --real-std %s threadlife-blocking-wait-ignores-stop %t -- -std=c++17 -pthread -isystem %repo/shim/include

#include <QtCore/QThread>
#include <threadlife/io.hpp>
#include <threadlife/queue.hpp>
#include <threadlife/wait.hpp>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

void work();

class Poller : public QThread {
protected:
  void run() override {
    while (!isInterruptionRequested()) {
      work();
      QThread::sleep(1);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'QThread::sleep' sleeps 1000 ms and a stop request does not wake it
      msleep(50);
    }
  }
};

//===--- Negatives: the shim's waits take the token ------------------------===//

std::mutex m;
threadlife::condition_variable_any cv;
bool ready;

void shim(threadlife::stop_token token, int fd) {
  while (!token.stop_requested()) {
    threadlife::sleep_for(token, std::chrono::seconds(30));
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, token, [] { return ready; });
    cv.wait_for(lock, token, std::chrono::seconds(5), [] { return ready; });
    threadlife::wait_readable(fd, token);
  }
}

// The loop's only observation is the wait itself, which a stop request ends.
void waitLoop(threadlife::stop_token token) {
  while (threadlife::sleep_for(token, std::chrono::seconds(1)))
    work();
}

//===--- A queue of the project's own, where the file has the shim's ------===//

class JobQueue {
public:
  int pop() {
    std::unique_lock<std::mutex> lock(m_);
    while (jobs_.empty())
      cv_.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'std::condition_variable::wait' waits until the queue has an item and a stop request does not wake it, so the stop waits for the next item; make it a threadlife::queue, whose pop(token) a stop request ends
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<int> jobs_;
};

JobQueue own;
threadlife::queue<int> shims;

void drain(threadlife::stop_token token) {
  while (!token.stop_requested()) {
    own.pop();
    shims.pop(token);  // fine: the shim's queue takes the token
  }
}
