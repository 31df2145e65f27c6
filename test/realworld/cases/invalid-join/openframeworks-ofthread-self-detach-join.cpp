// Provenance: openframeworks/openFrameworks https://github.com/openframeworks/openFrameworks/pull/4637 (libs/openFrameworks/utils/ofThread.cpp) - ofThread::run() called pthread_detach(pthread_self()) when its threadedFunction() ended and nobody was "being waited for", so waitForThread() could join a Poco::Thread that had just detached itself ("joining a thread that has already been detached")
#include <Poco/Thread.h>
#include <pthread.h>

class OfThread : public Poco::Runnable {
public:
  void startThread() {
    if (thread.isRunning())
      return;
    running = true;
    thread.start(*this);
  }
  void waitForThread() {
    if (thread.isRunning()) {
      threadBeingWaitedFor = true; // races with the check in run()
      running = false;
      thread.join(); // expect: invalid-join
    }
  }
  void run() override {
    threadedFunction();
    running = false;
    if (!threadBeingWaitedFor)
      pthread_detach(pthread_self());
  }

private:
  virtual void threadedFunction() {}
  Poco::Thread thread;
  volatile bool running = false;
  volatile bool threadBeingWaitedFor = false;
};

class OfThreadFixed : public Poco::Runnable {
public:
  ~OfThreadFixed() { waitForThread(); }
  void startThread() {
    if (thread.isRunning())
      return;
    running = true;
    thread.start(*this);
  }
  void waitForThread() {
    running = false;
    thread.join(); // the thread never detaches itself: joining is always valid
  }
  void run() override {
    threadedFunction();
    running = false;
  }

private:
  virtual void threadedFunction() {}
  Poco::Thread thread;
  volatile bool running = false;
};
