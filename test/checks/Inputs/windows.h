// The parts of the Win32 API that the tests use.
#pragma clang system_header
typedef void *HANDLE;
typedef unsigned long DWORD;
typedef int BOOL;
typedef DWORD (*LPTHREAD_START_ROUTINE)(void *);
#ifdef __cplusplus
extern "C" {
#endif
HANDLE CreateThread(void *Attributes, unsigned long StackSize,
                    LPTHREAD_START_ROUTINE Start, void *Parameter,
                    DWORD Flags, DWORD *ThreadId);
BOOL TerminateThread(HANDLE Thread, DWORD ExitCode);
DWORD SuspendThread(HANDLE Thread);
DWORD ResumeThread(HANDLE Thread);
void ExitThread(DWORD ExitCode);
DWORD WaitForSingleObject(HANDLE Handle, DWORD Milliseconds);
BOOL CloseHandle(HANDLE Handle);
BOOL SetThreadPriority(HANDLE Thread, int Priority);
#ifdef __cplusplus
}
#endif
#define INFINITE 0xFFFFFFFF
