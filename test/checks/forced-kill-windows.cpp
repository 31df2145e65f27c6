// RUN: %check_threadlife %s threadlife-forced-kill %t -- -fms-extensions

#include <process.h>
#include <windows.h>

void stop(HANDLE worker) {
  TerminateThread(worker, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: TerminateThread kills the thread wherever it is: its locks stay held, its stack and heap blocks leak and no destructor runs; ask the thread to stop (an event or atomic flag it checks) and wait for it [threadlife-forced-kill]
  SuspendThread(worker);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: SuspendThread freezes the thread wherever it is, perhaps holding the heap lock or another lock the caller then waits for; ask the thread to pause or stop itself [threadlife-forced-kill]
  ResumeThread(worker);
}

struct Buffer {
  ~Buffer();
};

DWORD worker(void *) {
  Buffer b;
  ExitThread(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: ExitThread ends the thread without unwinding: no destructor of an object on its stack runs, so locks stay held and memory leaks; return from the thread function instead [threadlife-forced-kill]
}

unsigned crtWorker(void *) {
  _endthreadex(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: _endthreadex ends the thread without unwinding
  return 0;
}

// Negatives: project code that shares the names.
struct ThreadPool {
  void TerminateThread(HANDLE);
  void SuspendThread(int);
};

namespace win {
bool TerminateThread(HANDLE, DWORD);
}

void projectFunctions(ThreadPool &pool, HANDLE h) {
  pool.TerminateThread(h);
  pool.SuspendThread(1);
  win::TerminateThread(h, 0);
  WaitForSingleObject(h, INFINITE);
  CloseHandle(h);
}
