// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t

#include <QtCore/QThread>

void work();

// The classic Qt worker with a volatile flag; <atomic> is not included yet.
class Crawler : public QThread {
public:
  void stop() { m_stop = true; }

protected:
  void run() override {
    while (!m_stop)
      work();
  }

private:
  volatile bool m_stop = false;
};
// CHECK-NOTES: :[[@LINE-2]]:17: warning: stop flag 'm_stop' is polled by a thread's loop and written by another thread, but volatile makes neither the write visible in time nor the access free of a data race; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
// CHECK-NOTES: :4:1: note: FIX-IT applied suggested code changes
// CHECK-NOTES: :[[@LINE-4]]:3: note: FIX-IT applied suggested code changes
// CHECK-NOTES: :[[@LINE-5]]:23: note: FIX-IT applied suggested code changes
// CHECK-NOTES: :[[@LINE-11]]:13: note: polled here, in the thread's loop
// CHECK-NOTES: :[[@LINE-16]]:17: note: written here, in a function the thread's body does not call
// CHECK-FIXES: {{^}}#include <atomic>
// CHECK-FIXES: {{^}}  std::atomic<bool> m_stop{false};
