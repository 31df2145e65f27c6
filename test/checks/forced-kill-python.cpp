// RUN: %check_threadlife %s threadlife-forced-kill %t

#include <Python.h>

void kill(unsigned long id, PyObject *exc) {
  PyThreadState_SetAsyncExc(id, PyExc_SystemExit);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PyThreadState_SetAsyncExc raises an exception in another thread at an arbitrary point, even inside a 'with' block's cleanup or a lock acquire; set a threading.Event the thread checks and join it [threadlife-forced-kill]
  PyThreadState_SetAsyncExc(id, exc);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: PyThreadState_SetAsyncExc raises an exception
}

// A null exception clears a pending one: that undoes a kill.
void clear(unsigned long id) {
  PyThreadState_SetAsyncExc(id, NULL);
  PyThreadState_SetAsyncExc(id, nullptr);
  PyThreadState_SetAsyncExc(id, 0);
}
