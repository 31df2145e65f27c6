// Provenance: wiredtiger/wiredtiger https://github.com/wiredtiger/wiredtiger/pull/1595 (src/os_win/os_thread.c, SERVER-17025) - __wt_thread_join() on Windows only WaitForSingleObject()ed the _beginthreadex() handle and never called CloseHandle, so every joined server thread leaked its handle
#include <process.h>
#include <stddef.h>
#include <windows.h>

#define WAIT_OBJECT_0 0

static unsigned sweep_server(void *arg) {
  (void)arg;
  return 0;
}

static int thread_join(HANDLE tid) {
  if (WaitForSingleObject(tid, INFINITE) == WAIT_OBJECT_0)
    return 0;
  return -1;
}

int sweep_run_once(void *session) {
  HANDLE tid = (HANDLE)_beginthreadex(NULL, 0, sweep_server, session, 0, NULL); // expect: unjoined-thread
  if (tid == 0)
    return -1;
  return thread_join(tid);
}

static int thread_join_fixed(HANDLE tid) {
  if (WaitForSingleObject(tid, INFINITE) != WAIT_OBJECT_0)
    return -1; /* if we fail to wait we will leak the handle: panic */
  if (CloseHandle(tid) == 0)
    return -1;
  return 0;
}

int sweep_run_once_fixed(void *session) {
  HANDLE tid = (HANDLE)_beginthreadex(NULL, 0, sweep_server, session, 0, NULL);
  if (tid == 0)
    return -1;
  return thread_join_fixed(tid);
}
