// RUN: %check_threadlife %s threadlife-unjoined-thread %t

#include <process.h>
#include <windows.h>

DWORD run(void *arg);
unsigned runEx(void *arg);
bool ready();

// Positives.

void neverClosed() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: the thread handle returned here is neither waited on nor closed on some path, and leaks; wait for the thread and CloseHandle it [threadlife-unjoined-thread]
  if (!ready())
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 'worker' without waiting on or closing it
  WaitForSingleObject(worker, INFINITE);
  CloseHandle(worker);
}

void discarded() {
  CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: the thread handle returned here is discarded: it can never be waited on or closed, and leaks; keep it, wait for the thread and CloseHandle it [threadlife-unjoined-thread]
}

// Negatives.

// A null handle: the creation failed.
void failed() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  if (!worker)
    return;
  WaitForSingleObject(worker, INFINITE);
  CloseHandle(worker);
}

// Closed at once: the thread runs on, detached.
void closedAtOnce() {
  CloseHandle(CreateThread(nullptr, 0, run, nullptr, 0, nullptr));
  HANDLE worker = (HANDLE)_beginthreadex(nullptr, 0, runEx, nullptr, 0, nullptr);
  CloseHandle(worker);
}

// Returned to the caller.
HANDLE started() {
  HANDLE worker = CreateThread(nullptr, 0, run, nullptr, 0, nullptr);
  return worker;
}
