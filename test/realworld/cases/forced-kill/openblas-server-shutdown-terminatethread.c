// Provenance: OpenMathLib/OpenBLAS https://github.com/OpenMathLib/OpenBLAS/pull/2314 (driver/others/blas_server_win32.c) - blas_thread_shutdown_() signalled pool.killed, waited only 5 ms per worker and then called TerminateThread on it; a worker killed inside EnterCriticalSection left the critical section corrupt and GIMP crashed in LeaveCriticalSection
#include <windows.h>

#define MAX_THREADS 8

HANDLE CreateEventA(void *attrs, BOOL manual, BOOL initial, const char *name);
BOOL SetEvent(HANDLE h);

static HANDLE blas_threads[MAX_THREADS];
static int blas_num_threads;
static HANDLE pool_killed;

int blas_thread_shutdown_(void) {
  SetEvent(pool_killed);
  for (int i = 0; i < blas_num_threads - 1; i++) {
    WaitForSingleObject(blas_threads[i], 5);
    TerminateThread(blas_threads[i], 0); // expect: forced-kill
  }
  return 0;
}

/* How it should be: the workers leave their loop when pool_killed is set;
   wait for each of them and close the handle. */
int blas_thread_shutdown_fixed(void) {
  SetEvent(pool_killed);
  for (int i = 0; i < blas_num_threads - 1; i++) {
    WaitForSingleObject(blas_threads[i], INFINITE);
    CloseHandle(blas_threads[i]);
  }
  return 0;
}
