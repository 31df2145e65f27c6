// RUN: %check_threadlife %s threadlife-unjoined-thread %t

#include <QtCore/QThread>

bool ready();

class Indexer : public QThread {
protected:
  void run() override;
};

void earlyReturn() {
  Indexer indexer;
  indexer.start();
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: 'indexer' may be destroyed while its thread runs, which aborts the program; call quit() and wait() on every path [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: thread started here
  if (!ready())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope without wait()
  indexer.wait();
}

// Waited for on every path; a deadline-free wait() ends the thread.
void waited() {
  Indexer indexer;
  indexer.start();
  indexer.quit();
  indexer.wait();
}

// Never started.
void idle() { Indexer indexer; }

// A subclass whose own destructor stops and waits: destroying it joins.
class SelfStopping : public QThread {
public:
  ~SelfStopping() override { stop(); }

protected:
  void run() override {}

private:
  void stop() {
    quit();
    wait();
  }
};

void destroyedWaiting() {
  SelfStopping local;
  local.start();
  SelfStopping *heap = new SelfStopping;
  heap->start();
  delete heap;
}

// One whose destructor does not wait still aborts.
class Forgetful : public QThread {
public:
  ~Forgetful() override {}

protected:
  void run() override {}
};

void deletedRunning() {
  Forgetful *heap = new Forgetful;
  heap->start();
  delete heap;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: deleting 'heap' destroys a thread object whose thread may still be running, which aborts the program; quit() and wait() for it first [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: thread started here
}
