// Provenance: 86Box/86Box https://github.com/86Box/86Box/issues/922 (src/win/win_thread.c thread_kill) - the Windows thread_kill() helper stopped emulator threads with TerminateThread, which MSDN warns leaves critical sections and the heap lock held; the issue was closed once the helper was no longer used
#include <windows.h>
#include <stddef.h>

typedef void *thread_t;

int thread_kill(thread_t arg) {
  if (arg == NULL)
    return 0;
  if (TerminateThread((HANDLE)arg, 0) == 0) // expect: forced-kill
    return 1;
  return 0;
}

/* How it should be: ask the thread to stop (it polls the flag) and wait. */
static volatile long stop_requested; /* accessed only through Interlocked* */
long InterlockedExchange(volatile long *target, long value);
long InterlockedCompareExchange(volatile long *dest, long exchange, long comparand);

int thread_should_stop(void) { return InterlockedCompareExchange(&stop_requested, 0, 0) != 0; }

int thread_stop_fixed(thread_t arg) {
  if (arg == NULL)
    return 0;
  InterlockedExchange(&stop_requested, 1);
  WaitForSingleObject((HANDLE)arg, INFINITE);
  CloseHandle((HANDLE)arg);
  return 0;
}
