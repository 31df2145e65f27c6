// RUN: %check_threadlife %s threadlife-unjoined-thread %t -- -pthread

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

void *run(void *arg);
int ready(void);

// Positives.

int neverJoined(void) {
  pthread_t worker;
  if (pthread_create(&worker, NULL, run, NULL) != 0)
    return 1;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: the thread created here is neither joined nor detached on some path, so its resources are never freed; pthread_join or pthread_detach it (or create it detached) [threadlife-unjoined-thread]
  if (!ready())
    return 2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: this path leaves the scope of 'worker' without pthread_join() or pthread_detach()
  pthread_join(worker, NULL);
  return 0;
}

void arrayNeverJoined(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&workers[i], NULL, run, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: threads created here are neither joined nor detached on some path, so their resources are never freed; pthread_join or pthread_detach each of them [threadlife-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+1]]:1: note: this path leaves the scope of 'workers' without pthread_join() or pthread_detach()
}

// Negatives.

// A failed creation leaves nothing to join.
int failedCreation(void) {
  pthread_t worker;
  int rc = pthread_create(&worker, NULL, run, NULL);
  if (rc)
    return rc;
  pthread_join(worker, NULL);
  return 0;
}

// Joined in a loop, element by element.
void joinedArray(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&workers[i], NULL, run, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(workers[i], NULL);
}

// Created detached through its attribute.
void detachedAttribute(void) {
  pthread_t worker;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&worker, &attr, run, NULL);
  pthread_attr_destroy(&attr);
}

// The thread detaches itself.
void *selfDetaching(void *arg) {
  pthread_detach(pthread_self());
  return arg;
}
void startSelfDetaching(void) {
  pthread_t worker;
  pthread_create(&worker, NULL, selfDetaching, NULL);
}

// Detached by the creator.
void detached(void) {
  pthread_t worker;
  if (pthread_create(&worker, NULL, run, NULL) == 0)
    pthread_detach(worker);
}

// Stored where someone else can join it.
pthread_t Saved;
struct Job {
  pthread_t thread;
};
void escapes(struct Job *job) {
  pthread_t worker;
  pthread_create(&worker, NULL, run, NULL);
  Saved = worker;
  pthread_t other;
  pthread_create(&other, NULL, run, NULL);
  job->thread = other;
  pthread_create(&job->thread, NULL, run, NULL);
}

// exit() ends every thread.
void exits(void) {
  pthread_t worker;
  pthread_create(&worker, NULL, run, NULL);
  if (!ready())
    exit(1);
  pthread_join(worker, NULL);
}
