// Provenance: mpogue2/SquareDesk 2c4c8861f340671e005925cb7d8538a18dddbd0a ("#1649: Cooperative SD thread shutdown", see issue #1468) - ~SDThread waited 250 ms and then called QThread::terminate() on the SD thread, which was parked in QWaitCondition::wait(); the wait condition's mutex stayed busy ("QMutex: destroying locked mutex", "QWaitCondition: mutex destroy failure"). Fixed by a shutdown request that wakes the wait and unwinds the thread (the project keeps terminate() only as a last resort after 3 s)
#include <QtCore/QThread>
#include <atomic>
#include <condition_variable>
#include <mutex>

// (QMutex and QWaitCondition in the project; the std types stand in for them.)
class SDThreadShutdownRequest {};

class SDThread : public QThread {
public:
  ~SDThread() override {
    if (isRunning()) {
      if (!wait(250))
        terminate(); // expect: forced-kill
    }
  }

protected:
  void run() override {
    std::unique_lock<std::mutex> lock(mutexSDAwaitingInput);
    for (;;) // expect: loop-ignores-stop
      waitCondSDAwaitingInput.wait(lock); // sd waits for the next typed call
  }

private:
  std::mutex mutexSDAwaitingInput;
  std::condition_variable waitCondSDAwaitingInput;
};

// The fix: requestShutdown() sets a flag and wakes the wait; the thread
// throws out of its input wait and run() returns.
class SDThreadFixed : public QThread {
public:
  void requestShutdown() {
    {
      std::lock_guard<std::mutex> lock(mutexSDAwaitingInput);
      shutdownRequested = true;
    }
    waitCondSDAwaitingInput.notify_all();
  }
  ~SDThreadFixed() override {
    if (isRunning()) {
      requestShutdown();
      wait();
    }
  }

protected:
  void run() override {
    try {
      std::unique_lock<std::mutex> lock(mutexSDAwaitingInput);
      for (;;) {
        waitCondSDAwaitingInput.wait(lock, [this] { return shutdownRequested; });
        if (shutdownRequested)
          throw SDThreadShutdownRequest();
      }
    } catch (SDThreadShutdownRequest &) {
    }
  }

private:
  std::mutex mutexSDAwaitingInput;
  std::condition_variable waitCondSDAwaitingInput;
  bool shutdownRequested = false;
};
