// RUN: %check_threadlife %s threadlife-unjoined-thread %t

// A wait ends the thread, not its handle: a Win32 thread handle waited on
// and never closed leaks like one never waited on (wiredtiger's thread join
// waited and forgot CloseHandle).

#include <windows.h>

DWORD run(void *arg);
bool ready();

void waitedOnly() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  if (!worker)
    return;
  WaitForSingleObject(worker, INFINITE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the thread handle 'worker' is waited on here but never closed on some path, and leaks; CloseHandle it after the wait [threadlife-unjoined-thread]
}

void closedOnOnePath() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  if (!worker)
    return;
  WaitForSingleObject(worker, INFINITE);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the thread handle 'worker' is waited on here but never closed on some path, and leaks; CloseHandle it after the wait [threadlife-unjoined-thread]
  if (ready())
    CloseHandle(worker);
}

// Waited on, then closed: silent.
void waitedAndClosed() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  if (!worker)
    return;
  WaitForSingleObject(worker, INFINITE);
  CloseHandle(worker);
}

// main's handles end with the process: silent.
int main() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  if (worker)
    WaitForSingleObject(worker, INFINITE);
  return 0;
}
