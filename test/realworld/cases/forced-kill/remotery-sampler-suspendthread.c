// Provenance: Celtoys/Remotery https://github.com/Celtoys/Remotery/issues/177 - the thread sampler SuspendThread'ed a profiled thread and, while it was frozen, CheckForStallingSamples allocated through rmtMalloc; when the frozen thread held the (debug) CRT heap lock, the sampler deadlocked in malloc
#include <windows.h>
#include <stdatomic.h>
#include <stdlib.h>

void *rmtMalloc(size_t size); /* goes to the CRT heap */
void copy_sample_tree(void *dst);

void sample_thread(HANDLE thread) {
  SuspendThread(thread); // expect: forced-kill
  void *copy = rmtMalloc(4096); /* may wait for a lock the frozen thread holds */
  copy_sample_tree(copy);
  ResumeThread(thread);
  free(copy);
}

/* How it should be, without freezing anyone: the profiled thread publishes
   its current sample itself, and the sampler only reads what was published. */
static _Atomic(void *) published_sample;

void publish_sample(void *sample) { atomic_store(&published_sample, sample); }

void sample_thread_fixed(void) {
  void *sample = atomic_load(&published_sample);
  void *copy = rmtMalloc(4096);
  if (sample)
    copy_sample_tree(copy);
  free(copy);
}
