// Provenance: slaclab/rogue 472e41a6d96c7b065eef0eebded2793714aaddcb ("Missing interruption point") - rssi::Controller::runThread (a boost::thread that stop() interrupts and joins) only reached an interruption point in a wait guarded by if (wait.tv_sec != 0 && wait.tv_usec != 0), so with a zero timeout the state-machine loop spun without one and interrupt() never took effect
#include <boost/thread.hpp>

struct Timeout {
  long sec = 0;
  long usec = 0;
};
Timeout runStateMachineOnce(); // handles the current state, returns the next wait

class Controller {
public:
  void start() { thread_ = new boost::thread(&Controller::runThread, this); }
  void stop() {
    thread_->interrupt();
    thread_->join();
    delete thread_;
  }

private:
  void runThread() {
    Timeout wait;
    while (1) { // expect: loop-ignores-stop
      if (wait.sec != 0 && wait.usec != 0) {
        boost::unique_lock<boost::mutex> lock(stMtx_);
        stCond_.wait(lock); // the only interruption point, and only on this path
      }
      wait = runStateMachineOnce();
    }
  }
  boost::mutex stMtx_;
  boost::condition_variable stCond_;
  boost::thread *thread_ = nullptr;
};

// The fix: an unconditional interruption point at the end of every round.
class ControllerFixed {
public:
  void start() { thread_ = new boost::thread(&ControllerFixed::runThread, this); }
  void stop() {
    thread_->interrupt();
    thread_->join();
    delete thread_;
  }

private:
  void runThread() {
    Timeout wait;
    while (1) {
      if (wait.sec != 0 && wait.usec != 0) {
        boost::unique_lock<boost::mutex> lock(stMtx_);
        stCond_.wait(lock);
      }
      wait = runStateMachineOnce();
      boost::this_thread::interruption_point();
    }
  }
  boost::mutex stMtx_;
  boost::condition_variable stCond_;
  boost::thread *thread_ = nullptr;
};
