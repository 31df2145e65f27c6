// The parts of the CPython API that the tests use.
#pragma clang system_header
#ifdef __cplusplus
extern "C" {
#endif
typedef struct _object PyObject;
extern PyObject *PyExc_SystemExit;
extern PyObject *PyExc_KeyboardInterrupt;
int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc);
#ifdef __cplusplus
}
#endif
#ifndef NULL
#define NULL 0
#endif
