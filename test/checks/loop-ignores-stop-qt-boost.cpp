// RUN: %check_threadlife %s threadlife-loop-ignores-stop %t -- -pthread

#include <QtCore/QThread>
#include <boost/thread.hpp>

void work();
bool pull(int fd);

class Indexer : public QThread {
protected:
  void run() override {
    while (true)
      // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this loop never ends and never checks isInterruptionRequested(), so requestInterruption() cannot end it and wait() blocks forever; loop while (!isInterruptionRequested()) [threadlife-loop-ignores-stop]
      work();
  }
};

void boostBody() {
  for (;;)
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this loop never ends and never reaches an interruption point, so boost::thread::interrupt() cannot end it; call boost::this_thread::interruption_point() in the loop [threadlife-loop-ignores-stop]
    work();
}
boost::thread startBoost() { return boost::thread(boostBody); }

//===--- Negatives --------------------------------------------------------===//

class Poller : public QThread {
protected:
  // Checks for interruption in the loop.
  void run() override {
    while (!isInterruptionRequested())
      work();
  }
};

class Helper : public QThread {
  bool stopping() const { return isInterruptionRequested(); }

protected:
  // Checks through a member helper.
  void run() override {
    for (;;) {
      if (stopping())
        return;
      work();
    }
  }
};

class Reader : public QThread {
protected:
  // Ends when the descriptor closes.
  void run() override {
    while (pull(0))
      work();
  }
};

// Interruption points end a boost thread's loop.
void boostPoints() {
  for (;;) {
    boost::this_thread::interruption_point();
    work();
  }
}
void boostSleeps() {
  for (;;) {
    boost::this_thread::sleep_for(std::chrono::seconds(1));
    work();
  }
}
bool idle();
// Interruption points in both branches, or in the condition, count.
void boostBranches() {
  for (;;) {
    if (idle())
      boost::this_thread::sleep_for(std::chrono::seconds(1));
    else
      boost::this_thread::interruption_point();
    work();
  }
}
void startBoostGood() {
  boost::thread a(boostPoints);
  boost::thread b(boostSleeps);
  boost::thread c(boostBranches);
  a.interrupt();
  b.interrupt();
  c.interrupt();
  a.join();
  b.join();
  c.join();
}

// The only interruption point is on one branch: a round that takes the
// other cannot be interrupted.
boost::mutex stateMutex;
boost::condition_variable stateChanged;
void boostConditionalPoint() {
  for (;;) {
    if (!idle()) {
      boost::unique_lock<boost::mutex> lock(stateMutex);
      stateChanged.wait(lock);
    }
    work();
  }
  // CHECK-MESSAGES: :[[@LINE-7]]:3: warning: this loop never ends and reaches an interruption point only on some paths, so a round that takes another path ignores boost::thread::interrupt(), and if every round does, interrupt() never ends it; call boost::this_thread::interruption_point() unconditionally in the loop [threadlife-loop-ignores-stop]
}
boost::thread startConditional() { return boost::thread(boostConditionalPoint); }

// Not a QThread: a class with its own run().
class Job {
public:
  void run() {
    while (true)
      work();
  }
};
