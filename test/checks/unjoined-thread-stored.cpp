// RUN: %check_threadlife %s threadlife-unjoined-thread %t

// A handle a create call returns into storage only this file can reach (a
// private member of a class defined here, a static variable or array), that
// nothing in the file ever waits on, closes or detaches.

#include <SDL.h>
#include <process.h>
#include <windows.h>

DWORD searchEntry(void *);
unsigned sweep(void *);
int worker(void *);

// Positives.

class SearchDlg {
public:
  void startSearch() {
    DWORD id = 0;
    thread_ = CreateThread(nullptr, 0, searchEntry, this, 0, &id);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: the thread handle stored in 'thread_' is never waited on, closed or detached in this file, and nothing else can reach it: the thread's resources leak; WaitForSingleObject or CloseHandle it [threadlife-unjoined-thread]
  }

private:
  HANDLE thread_ = nullptr;
};

static SDL_Thread **workers;
static int numWorkers;

void startWorkers(int n) {
  numWorkers = n;
  workers = new SDL_Thread *[n];
  for (int i = 0; i < n; ++i)
    workers[i] = SDL_CreateThread(worker, "worker", nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: the thread handle stored in 'workers' is never waited on, closed or detached in this file, and nothing else can reach it: the thread's resources leak; SDL_WaitThread or SDL_DetachThread it [threadlife-unjoined-thread]
}

// A struct defined in this file, not a header: only this file names its
// fields, whatever object they are reached through (portaudio's DirectSound
// stream, whose processing thread handle was never closed).
struct Stream {
  HANDLE processingThread;
  volatile int stop;
};

int startStream(Stream *stream) {
  stream->processingThread = (HANDLE)_beginthreadex(nullptr, 0, sweep, stream, 0, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:38: warning: the thread handle stored in 'processingThread' is never waited on, closed or detached in this file, and nothing else can reach it: the thread's resources leak; WaitForSingleObject or CloseHandle it [threadlife-unjoined-thread]
  if (!stream->processingThread)
    return -1;
  if (!SetThreadPriority(stream->processingThread, 15)) {
    stream->processingThread = nullptr;
    return -1;
  }
  return 0;
}

// Negatives.

struct StreamClosed {
  HANDLE processingThread;
};

void startStreamClosed(StreamClosed *stream) {
  stream->processingThread = (HANDLE)_beginthreadex(nullptr, 0, sweep, stream, 0, nullptr);
}
void stopStreamClosed(StreamClosed *stream) {
  WaitForSingleObject(stream->processingThread, INFINITE);
  CloseHandle(stream->processingThread);
}

// Handed to a helper, which may close it.
struct StreamHelper {
  HANDLE processingThread;
};
void closeThread(HANDLE thread);

void startStreamHelper(StreamHelper *stream) {
  stream->processingThread = (HANDLE)_beginthreadex(nullptr, 0, sweep, stream, 0, nullptr);
  closeThread(stream->processingThread);
}

class SearchDlgClosed {
public:
  ~SearchDlgClosed() {
    if (thread_) {
      WaitForSingleObject(thread_, INFINITE);
      CloseHandle(thread_);
    }
  }
  void startSearch() {
    DWORD id = 0;
    thread_ = CreateThread(nullptr, 0, searchEntry, this, 0, &id);
  }

private:
  HANDLE thread_ = nullptr;
};

// A method defined in another file may close it.
class Elsewhere {
public:
  void start() { thread_ = CreateThread(nullptr, 0, searchEntry, this, 0, nullptr); }
  void finish();

private:
  HANDLE thread_ = nullptr;
};

// A public member, or a global other files see: their code may close it.
class Public {
public:
  void start() { thread_ = CreateThread(nullptr, 0, searchEntry, this, 0, nullptr); }
  HANDLE thread_ = nullptr;
};
HANDLE sharedThread;
void startShared() { sharedThread = (HANDLE)_beginthreadex(nullptr, 0, sweep, nullptr, 0, nullptr); }

static SDL_Thread *joined;
void startJoined() { joined = SDL_CreateThread(worker, "w", nullptr); }
void stopJoined() { SDL_WaitThread(joined, nullptr); }

static SDL_Thread *handedOut;
SDL_Thread *startHandedOut() {
  handedOut = SDL_CreateThread(worker, "w", nullptr);
  return handedOut;
}
