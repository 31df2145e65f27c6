// The parts of GLib's thread API (gthread.h) that the tests use.
#pragma clang system_header
typedef void *gpointer;
typedef char gchar;
typedef int gboolean;
typedef long gint64;
typedef unsigned long gulong;
typedef struct _GError GError;
typedef struct _GThread GThread;
typedef union _GMutex { void *p; unsigned i[2]; } GMutex;
typedef struct _GCond { void *p; unsigned i[2]; } GCond;
typedef gpointer (*GThreadFunc)(gpointer data);
#ifdef __cplusplus
extern "C" {
#endif
GThread *g_thread_new(const gchar *name, GThreadFunc func, gpointer data);
GThread *g_thread_try_new(const gchar *name, GThreadFunc func, gpointer data,
                          GError **error);
GThread *g_thread_ref(GThread *thread);
void g_thread_unref(GThread *thread);
gpointer g_thread_join(GThread *thread);
GThread *g_thread_self(void);
void g_thread_exit(gpointer retval);
void g_mutex_lock(GMutex *mutex);
void g_mutex_unlock(GMutex *mutex);
void g_cond_signal(GCond *cond);
void g_cond_wait(GCond *cond, GMutex *mutex);
gboolean g_cond_wait_until(GCond *cond, GMutex *mutex, gint64 end_time);
void g_usleep(gulong microseconds);
#ifdef __cplusplus
}
#endif
