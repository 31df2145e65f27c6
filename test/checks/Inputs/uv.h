// The parts of libuv's thread API (uv.h, Unix) that the tests use.
#pragma clang system_header
#include <pthread.h>
#include <stdint.h>
typedef pthread_t uv_thread_t;
typedef pthread_mutex_t uv_mutex_t;
typedef pthread_cond_t uv_cond_t;
typedef void (*uv_thread_cb)(void *arg);
#ifdef __cplusplus
extern "C" {
#endif
int uv_thread_create(uv_thread_t *tid, uv_thread_cb entry, void *arg);
int uv_thread_join(uv_thread_t *tid);
int uv_thread_detach(uv_thread_t *tid);
uv_thread_t uv_thread_self(void);
int uv_thread_equal(const uv_thread_t *t1, const uv_thread_t *t2);
void uv_mutex_lock(uv_mutex_t *handle);
void uv_mutex_unlock(uv_mutex_t *handle);
void uv_cond_signal(uv_cond_t *cond);
void uv_cond_wait(uv_cond_t *cond, uv_mutex_t *mutex);
int uv_cond_timedwait(uv_cond_t *cond, uv_mutex_t *mutex, uint64_t timeout);
void uv_sleep(unsigned int msec);
#ifdef __cplusplus
}
#endif
