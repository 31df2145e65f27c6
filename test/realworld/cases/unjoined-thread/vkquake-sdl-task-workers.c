// Provenance: Novum/vkQuake 1e229cafef82e67f31ee53cb24980057746e44e9 (PR #792) - Tasks_Init() kept each SDL_CreateThread() worker in worker_threads[] but never waited on nor detached any of them ("Leaked thread" at SDL_Quit)
#include <SDL.h>
#include <stdint.h>
#include <stdlib.h>

static int num_workers;
static SDL_Thread **worker_threads;

static int task_worker(void *data) {
  (void)data;
  for (;;)
    SDL_Delay(1);
  return 0;
}

void tasks_init(int workers) {
  num_workers = workers;
  worker_threads = malloc(sizeof(SDL_Thread *) * num_workers);
  for (int i = 0; i < num_workers; ++i)
    worker_threads[i] = SDL_CreateThread(task_worker, "Task_Worker", (void *)(intptr_t)i); // expect: unjoined-thread
}

void tasks_init_fixed(int workers) {
  num_workers = workers;
  for (int i = 0; i < num_workers; ++i)
    SDL_DetachThread(SDL_CreateThread(task_worker, "Task_Worker", (void *)(intptr_t)i));
}
