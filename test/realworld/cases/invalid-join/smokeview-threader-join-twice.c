// Provenance: firemodels/smv d8e817e86d308cc8c98c84e6dd11a962a0afabed (PR #2581) - THREADcontrol(thi, THREAD_JOIN) pthread_join()ed every thread of a threader each time it was called, and threaders such as isosurface_threads are joined from several places (readsmv, menus, scripts): threads already joined were joined again
#include <pthread.h>
#include <stddef.h>

#define MAX_THREADS 16

typedef struct {
  int n_threads;
  int use_threads;
  pthread_t thread_ids[MAX_THREADS];
  void *(*run)(void *);
} threaderdata;

void threader_run(threaderdata *thi) {
  for (int i = 0; i < thi->n_threads; i++) {
    if (thi->use_threads == 1)
      pthread_create(thi->thread_ids + i, NULL, thi->run, NULL);
    else
      thi->run(NULL);
  }
}

void threader_join(threaderdata *thi) {
  if (thi->use_threads == 1) {
    for (int i = 0; i < thi->n_threads; i++)
      pthread_join(thi->thread_ids[i], NULL); // expect: invalid-join
  }
}

/* read_smv() waits for the isosurface threads, then the iso menu waits again */
void read_smv_then_menu(threaderdata *isosurface_threads) {
  threader_run(isosurface_threads);
  threader_join(isosurface_threads);
  threader_join(isosurface_threads);
}

typedef struct {
  int n_threads;
  int use_threads;
  int has_joined;
  pthread_t thread_ids[MAX_THREADS];
  void *(*run)(void *);
} threaderdata_fixed;

void threader_join_fixed(threaderdata_fixed *thi) {
  if (thi->has_joined == 0 && thi->use_threads == 1) {
    thi->has_joined = 1;
    for (int i = 0; i < thi->n_threads; i++)
      pthread_join(thi->thread_ids[i], NULL);
  }
}

void threader_run_fixed(threaderdata_fixed *thi) {
  thi->has_joined = 0;
  for (int i = 0; i < thi->n_threads; i++) {
    if (thi->use_threads == 1)
      pthread_create(thi->thread_ids + i, NULL, thi->run, NULL);
    else
      thi->run(NULL);
  }
}

void read_smv_then_menu_fixed(threaderdata_fixed *isosurface_threads) {
  threader_run_fixed(isosurface_threads);
  threader_join_fixed(isosurface_threads);
  threader_join_fixed(isosurface_threads);
}
