// RUN: %check_threadlife %s threadlife-forced-kill %t

#include <QtCore/QThread>

class Indexer : public QThread {
protected:
  void run() override {
    setTerminationEnabled(true);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: QThread::setTerminationEnabled(true) lets terminate() kill this thread at any point, with locks held; keep termination disabled and stop with requestInterruption() [threadlife-forced-kill]
    setTerminationEnabled();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: QThread::setTerminationEnabled(true)
    QThread::setTerminationEnabled(false);
  }

public:
  void abort() {
    terminate();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: QThread::terminate kills the thread wherever it is: mutexes stay locked and no destructor runs; call requestInterruption() and wait(), and check isInterruptionRequested() in run() [threadlife-forced-kill]
  }
};

void stop(QThread *thread, Indexer &indexer) {
  thread->terminate();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: QThread::terminate kills the thread
  indexer.terminate();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: QThread::terminate kills the thread
}

// Negatives.

void stopCooperatively(QThread *thread) {
  thread->requestInterruption();
  thread->quit();
  thread->wait();
}

// Not a QThread: a project class with its own terminate().
class Session {
public:
  void terminate();
};

void close(Session &s) { s.terminate(); }
