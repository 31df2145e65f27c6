// RUN: %check_threadlife %s threadlife-forced-kill %t -- -pthread

#include <pthread.h>
#include <signal.h>
#include <thread>

// Positives.

void cancel(pthread_t worker) {
  pthread_cancel(worker);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_cancel unwinds the thread by force: through a noexcept function or a 'catch (...)' that does not rethrow it ends the process, and locks held outside RAII stay held; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
}

void cancelStdThread(std::thread &worker) {
  pthread_cancel(worker.native_handle());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_cancel unwinds the thread by force
  ::pthread_cancel(worker.native_handle());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_cancel unwinds the thread by force
}

constexpr int AsyncType = PTHREAD_CANCEL_ASYNCHRONOUS;
#define MAKE_ASYNC PTHREAD_CANCEL_ASYNCHRONOUS

void asyncCancellation() {
  int old;
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous cancellation can end the thread between any two instructions, inside malloc or with a lock held; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  pthread_setcanceltype(AsyncType, &old);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous cancellation
  pthread_setcanceltype(MAKE_ASYNC, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous cancellation
}

#define STOP_SIGNAL SIGKILL
const int Interrupt = SIGINT;

void signals(pthread_t worker) {
  pthread_kill(worker, SIGTERM);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGTERM does not stop one thread: the signal's default action ends the whole process, and a handler that exits the thread skips all cleanup; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  pthread_kill(worker, STOP_SIGNAL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGKILL does not stop one thread
  pthread_kill(worker, Interrupt);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGINT does not stop one thread
  pthread_kill(worker, 9);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGKILL does not stop one thread
  pthread_kill(worker, SIGSTOP);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGSTOP does not stop one thread
  pthread_kill(worker, SIGQUIT);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGQUIT
  pthread_kill(worker, SIGABRT);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGABRT
  pthread_kill(worker, SIGHUP);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGHUP
}

void exitFromCxx() {
  pthread_exit(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_exit unwinds the thread by force: a noexcept function or a 'catch (...)' that does not rethrow on the way ends the process; return from the thread function instead [threadlife-forced-kill]
}

template <typename Handle> void cancelLater(Handle h) {
  pthread_cancel(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_cancel unwinds the thread by force
}
template void cancelLater<pthread_t>(pthread_t);

// Negatives.

void deferredCancellation() {
  int old;
  // Deferred is the default type: restoring it is not a kill.
  pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old);
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
}

void wakeUpSignals(pthread_t worker, int runtimeSignal) {
  pthread_kill(worker, 0);       // tests whether the thread exists
  pthread_kill(worker, SIGUSR1); // a wake-up signal
  pthread_kill(worker, SIGUSR2);
  pthread_kill(worker, SIGCONT);
  pthread_kill(worker, SIGRTMIN + 1); // real-time signals are for waking
  pthread_kill(worker, runtimeSignal); // unknown: say nothing
}

void suppressed(pthread_t worker) {
  pthread_cancel(worker); // NOLINT(threadlife-forced-kill)
}

// Project functions that share a name with the real APIs are not the APIs.
namespace project {
void pthread_cancel(pthread_t);
int pthread_kill(pthread_t, int);
} // namespace project

struct Supervisor {
  void pthread_cancel(pthread_t);
  static void pthread_exit(void *);
};

struct Task {};
void pthread_kill(Task &, int); // a C++ overload, not the C function

void projectFunctions(pthread_t worker, Supervisor &s, Task &task) {
  project::pthread_cancel(worker);
  project::pthread_kill(worker, SIGKILL);
  s.pthread_cancel(worker);
  Supervisor::pthread_exit(nullptr);
  pthread_kill(task, SIGKILL);
}
