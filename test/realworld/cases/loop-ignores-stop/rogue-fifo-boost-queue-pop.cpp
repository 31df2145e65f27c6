// Provenance: slaclab/rogue 5cadf9564207465049dae09c00a8a21a37aa58d4 (PR #257, ESROGUE-373) - Fifo::runThread, a boost::thread body, looped while(1) sendFrame(queue_.pop()) with no interruption point, so thread_->interrupt() could not end it while frames kept arriving
#include <boost/thread.hpp>

struct Frame;
// The project's blocking queue; its header is not part of this file.
struct FrameQueue {
  Frame *pop();
};
void sendFrame(Frame *f);

class Fifo {
public:
  Fifo() { thread_ = new boost::thread(&Fifo::runThread, this); }
  ~Fifo() {
    thread_->interrupt();
    thread_->join();
    delete thread_;
  }

private:
  void runThread() {
    while (1) // expect: loop-ignores-stop
      sendFrame(queue_.pop());
  }
  FrameQueue queue_;
  boost::thread *thread_;
};

// The fix: an interruption point in every round.
class FifoFixed {
public:
  FifoFixed() { thread_ = new boost::thread(&FifoFixed::runThread, this); }
  ~FifoFixed() {
    thread_->interrupt();
    thread_->join();
    delete thread_;
  }

private:
  void runThread() {
    while (1) {
      sendFrame(queue_.pop());
      boost::this_thread::interruption_point();
    }
  }
  FrameQueue queue_;
  boost::thread *thread_;
};
