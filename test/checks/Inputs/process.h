// The parts of the Microsoft C runtime's <process.h> that the tests use.
#pragma clang system_header
#ifdef __cplusplus
extern "C" {
#endif
unsigned long _beginthreadex(void *Security, unsigned StackSize,
                             unsigned (*Start)(void *), void *ArgList,
                             unsigned InitFlag, unsigned *ThreadAddr);
void _endthreadex(unsigned ReturnCode);
#ifdef __cplusplus
}
#endif
