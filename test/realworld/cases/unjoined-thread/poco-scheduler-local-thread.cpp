// Provenance: pocoproject/poco https://github.com/pocoproject/poco/issues/2537 - WorkScheduler::start() started the scheduler on a local Poco::Thread that was destroyed (detached) at the end of the block while run() was still executing, and the new thread crashed with NullPointerException
#include <Poco/Thread.h>

class SchedulerImpl : public Poco::Runnable {
public:
  enum State { STOPPED, STARTING, STARTED };
  static SchedulerImpl *instance();
  void run() override;
  State runState = STOPPED;
};

void schedulerStart() {
  SchedulerImpl *scheduler = SchedulerImpl::instance();
  if (scheduler->runState == SchedulerImpl::STOPPED) {
    scheduler->runState = SchedulerImpl::STARTING;
    Poco::Thread thread; // expect: unjoined-thread
    thread.start(*scheduler);
  } // the running thread's Poco::Thread object is destroyed here
}

class WorkSchedulerFixed {
public:
  ~WorkSchedulerFixed() { stop(); }
  void start() {
    SchedulerImpl *scheduler = SchedulerImpl::instance();
    if (scheduler->runState == SchedulerImpl::STOPPED) {
      scheduler->runState = SchedulerImpl::STARTING;
      thread_.start(*scheduler);
    }
  }
  void stop() {
    if (thread_.isRunning())
      thread_.join();
  }

private:
  Poco::Thread thread_; // outlives run(), joined in stop()
};
