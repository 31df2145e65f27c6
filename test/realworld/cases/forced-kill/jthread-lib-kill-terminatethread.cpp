// Provenance: j0r1/JThread https://github.com/j0r1/JThread/issues/2 - JThread::Kill() on Windows calls TerminateThread on the thread handle; the reporter confirms it sends the CRT (and sometimes the kernel) into internal deadlocks depending on what the thread was doing
#include <windows.h>
#include <atomic>

class JThread {
public:
  virtual ~JThread() { Kill(); }
  int Start() {
    threadhandle = CreateThread(nullptr, 0, TheThread, this, 0, nullptr);
    running = true;
    return 0;
  }
  int Kill() {
    if (!running)
      return -1;
    TerminateThread(threadhandle, 0); // expect: forced-kill
    CloseHandle(threadhandle);
    running = false;
    return 0;
  }
  virtual void *Thread() = 0;

private:
  static DWORD TheThread(void *param) {
    static_cast<JThread *>(param)->Thread();
    return 0;
  }
  HANDLE threadhandle = nullptr;
  bool running = false;
};

// How it should be: a stop request the thread body checks, then a wait.
class JThreadFixed {
public:
  virtual ~JThreadFixed() { Stop(); }
  int Start() {
    threadhandle = CreateThread(nullptr, 0, TheThread, this, 0, nullptr);
    running = true;
    return 0;
  }
  int Stop() {
    if (!running)
      return -1;
    stopRequested = true;
    WaitForSingleObject(threadhandle, INFINITE);
    CloseHandle(threadhandle);
    running = false;
    return 0;
  }
  virtual void *Thread() = 0; // loops while (!stopRequested)

protected:
  std::atomic<bool> stopRequested{false};

private:
  static DWORD TheThread(void *param) {
    static_cast<JThreadFixed *>(param)->Thread();
    return 0;
  }
  HANDLE threadhandle = nullptr;
  bool running = false;
};
