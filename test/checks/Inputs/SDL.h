// The parts of SDL2's thread API (SDL_thread.h, SDL_mutex.h) that the tests
// use.
#pragma clang system_header
typedef unsigned int Uint32;
typedef struct SDL_Thread SDL_Thread;
typedef struct SDL_mutex SDL_mutex;
typedef struct SDL_cond SDL_cond;
typedef int (*SDL_ThreadFunction)(void *data);
#ifdef __cplusplus
extern "C" {
#endif
SDL_Thread *SDL_CreateThread(SDL_ThreadFunction fn, const char *name,
                             void *data);
void SDL_WaitThread(SDL_Thread *thread, int *status);
void SDL_DetachThread(SDL_Thread *thread);
int SDL_LockMutex(SDL_mutex *mutex);
int SDL_UnlockMutex(SDL_mutex *mutex);
int SDL_CondSignal(SDL_cond *cond);
int SDL_CondWait(SDL_cond *cond, SDL_mutex *mutex);
int SDL_CondWaitTimeout(SDL_cond *cond, SDL_mutex *mutex, Uint32 ms);
void SDL_Delay(Uint32 ms);
#ifdef __cplusplus
}
#endif
