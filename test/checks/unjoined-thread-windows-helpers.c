// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -isystem %S/Inputs

// A Win32 thread handle passed by value to a helper of the file: the walk
// follows it into the helper, which may wait on it, close it, or both.

#include <process.h>
#include <stddef.h>
#include <windows.h>

#define WAIT_OBJECT_0 0

static unsigned server(void *arg) {
  (void)arg;
  return 0;
}

static int wait_only(HANDLE tid) {
  if (WaitForSingleObject(tid, INFINITE) == WAIT_OBJECT_0)
    return 0;
  return -1;
}

// Positive: waited on in the helper, never closed.
int run_once(void *session) {
  HANDLE tid = (HANDLE)_beginthreadex(NULL, 0, server, session, 0, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: the thread handle 'tid' is waited on but never closed on some path, and leaks; CloseHandle it after the wait [threadlife-unjoined-thread]
  if (tid == 0)
    return -1;
  return wait_only(tid);
}
// CHECK-NOTES: :[[@LINE-13]]:7: note: waited on here

// Negatives.

static int wait_and_close(HANDLE tid) {
  if (WaitForSingleObject(tid, INFINITE) != WAIT_OBJECT_0)
    return -1; // a failed wait: what became of the thread is not known
  if (CloseHandle(tid) == 0)
    return -1;
  return 0;
}

int run_once_closed(void *session) {
  HANDLE tid = (HANDLE)_beginthreadex(NULL, 0, server, session, 0, NULL);
  if (tid == 0)
    return -1;
  return wait_and_close(tid);
}

// One helper given two handles: which one a use inside it names is not
// known, so neither is followed into it.
static void finish(HANDLE tid) { WaitForSingleObject(tid, INFINITE); }

void run_twice(void *session) {
  HANDLE a = (HANDLE)_beginthreadex(NULL, 0, server, session, 0, NULL);
  if (a == 0)
    return;
  HANDLE b = (HANDLE)_beginthreadex(NULL, 0, server, session, 0, NULL);
  finish(a);
  if (b != 0)
    finish(b);
}
