// Provenance: xenia-project/xenia https://github.com/xenia-project/xenia/issues/498 - threading_win.cc's thread-local current_thread_ (a unique_ptr<Win32Thread>) was never freed because guest threads end with ExitThread, which in C++ ends the thread before any destructor runs
#include <windows.h>
#include <memory>

struct Win32Thread {
  explicit Win32Thread(HANDLE h) : handle(h) {}
  ~Win32Thread() { CloseHandle(handle); }
  HANDLE handle;
};

void runGuestCode();

static DWORD ThreadStartRoutine(void *param) {
  std::unique_ptr<Win32Thread> current_thread(static_cast<Win32Thread *>(param));
  runGuestCode();
  ExitThread(0); // expect: forced-kill
  return 0;      // not reached
}

void startGuestThread() {
  Win32Thread *t = new Win32Thread(nullptr);
  t->handle = CreateThread(nullptr, 0, ThreadStartRoutine, t, 0, nullptr);
}

// The fix the maintainers point to: return from the thread procedure, so the
// normal scoping rules run the destructors.
static DWORD ThreadStartRoutineFixed(void *param) {
  std::unique_ptr<Win32Thread> current_thread(static_cast<Win32Thread *>(param));
  runGuestCode();
  return 0;
}

void startGuestThreadFixed() {
  Win32Thread *t = new Win32Thread(nullptr);
  t->handle = CreateThread(nullptr, 0, ThreadStartRoutineFixed, t, 0, nullptr);
}
