// Provenance: PortAudio/portaudio 1c241365ece50adf15516faa3b09cb5ce9fd0bc4 (issue #925) - the DirectSound host never called CloseHandle on its _beginthreadex() processing thread, neither on StartStream's error path nor in StopStream, leaking a thread handle per stream
#include <process.h>
#include <stddef.h>
#include <windows.h>

BOOL SetThreadPriority(HANDLE thread, int priority);
#define THREAD_PRIORITY_TIME_CRITICAL 15

typedef struct {
  HANDLE processingThread;
  unsigned processingThreadId;
  HANDLE processingThreadCompleted; /* event the thread sets when it ends */
  volatile int stopProcessing;
} DsStream;

static unsigned processing_proc(void *arg) {
  (void)arg;
  return 0;
}

int start_stream(DsStream *stream) {
  stream->processingThread = (HANDLE)_beginthreadex(NULL, 0, processing_proc, stream, 0, &stream->processingThreadId); // expect: unjoined-thread
  if (!stream->processingThread)
    return -1;
  if (!SetThreadPriority(stream->processingThread, THREAD_PRIORITY_TIME_CRITICAL)) {
    /* the old code forgot the handle here without closing it */
    stream->processingThread = NULL;
    return -1;
  }
  return 0;
}

int stop_stream(DsStream *stream) {
  stream->stopProcessing = 1;
  if (stream->processingThread)
    WaitForSingleObject(stream->processingThreadCompleted, 3000);
  return 0;
}

typedef struct {
  HANDLE processingThread;
  unsigned processingThreadId;
  volatile int stopProcessing;
} DsStreamFixed;

int start_stream_fixed(DsStreamFixed *stream) {
  stream->processingThread = (HANDLE)_beginthreadex(NULL, 0, processing_proc, stream, 0, &stream->processingThreadId);
  if (!stream->processingThread)
    return -1;
  if (!SetThreadPriority(stream->processingThread, THREAD_PRIORITY_TIME_CRITICAL)) {
    stream->stopProcessing = 1;
    WaitForSingleObject(stream->processingThread, INFINITE);
    CloseHandle(stream->processingThread);
    stream->processingThread = NULL;
    return -1;
  }
  return 0;
}

int stop_stream_fixed(DsStreamFixed *stream) {
  stream->stopProcessing = 1;
  if (stream->processingThread) {
    WaitForSingleObject(stream->processingThread, INFINITE);
    CloseHandle(stream->processingThread);
    stream->processingThread = NULL;
  }
  return 0;
}
