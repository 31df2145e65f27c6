// RUN: %check_threadlife %s threadlife-forced-kill %t

// In C, ExitThread and _endthreadex skip no destructor: not flagged. The
// kills are kills in any language.

#include <process.h>
#include <windows.h>

DWORD worker(void *arg) {
  (void)arg;
  ExitThread(0);
}

unsigned crtWorker(void *arg) {
  (void)arg;
  _endthreadex(0);
  return 0;
}

void stop(HANDLE h) {
  TerminateThread(h, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: TerminateThread kills the thread wherever it is
  // CHECK-NOTES: :[[@LINE-2]]:3: note: work that cannot stop itself can run in a child process, which is safe to kill: threadlife::run_in_process
}
