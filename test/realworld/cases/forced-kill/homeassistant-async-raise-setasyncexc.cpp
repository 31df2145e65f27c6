// Provenance: home-assistant/core homeassistant/util/thread.py (_async_raise / ThreadWithException.raise_exc) - raises an exception in another Python thread with PyThreadState_SetAsyncExc (through ctypes), and calls it again with NULL to undo a call that hit more than one thread; reduced here to the C API the ctypes call reaches
#include <Python.h>
#include <atomic>

// raise_exc(exctype): the exception lands at an arbitrary bytecode of the
// target thread, even inside a with block's cleanup or a lock acquire.
int async_raise(unsigned long tid, PyObject *exctype) {
  int res = PyThreadState_SetAsyncExc(tid, exctype); // expect: forced-kill
  if (res == 1)
    return 0;
  // "if it returns a number greater than one, you're in trouble": undo it.
  PyThreadState_SetAsyncExc(tid, NULL);
  return -1;
}

// How it should be (threading.Event): the worker checks a stop request and
// returns; the caller joins it.
struct StopEventFixed {
  std::atomic<bool> is_set{false};
};

void request_stop_fixed(StopEventFixed &stop) { stop.is_set = true; }
