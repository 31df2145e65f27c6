// RUN: %check_threadlife %s threadlife-forced-kill %t -- -std=c11

// Another C library spells its constants as expressions: the cancel type
// and the signal numbers are read through macros of more than one token,
// casts included.

typedef unsigned long pthread_t;
int pthread_setcanceltype(int type, int *old);
int pthread_kill(pthread_t thread, int sig);

#define PTHREAD_CANCEL_DEFERRED (0 << 0)
#define PTHREAD_CANCEL_ASYNCHRONOUS (1 << 0)
#define SIGTERM ((int)15)
#define SIGUSR1 (30)

void worker_setup(void) {
  int old;
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: asynchronous cancellation can end the thread between any two instructions, inside malloc or with a lock held; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old);
}

void stop(pthread_t worker) {
  pthread_kill(worker, SIGTERM);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: pthread_kill with SIGTERM does not stop one thread: the signal's default action ends the whole process, and a handler that exits the thread skips all cleanup; ask the thread to stop (stop token or atomic flag) and join it [threadlife-forced-kill]
  pthread_kill(worker, SIGUSR1);
}
