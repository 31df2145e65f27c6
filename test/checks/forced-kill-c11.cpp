// RUN: %check_threadlife %s threadlife-forced-kill %t -- -std=c++17 -pthread

// thrd_exit and g_thread_exit end the calling thread the way pthread_exit
// does: by a forced unwind, which a noexcept frame turns into
// std::terminate.

#include <threads.h>
#include <glib.h>

int c11_worker(void *) {
  thrd_exit(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: thrd_exit unwinds the thread by force: a noexcept function or a 'catch (...)' that does not rethrow on the way ends the process; return from the thread function instead [threadlife-forced-kill]
}

gpointer glib_worker(gpointer data) {
  g_thread_exit(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: g_thread_exit unwinds the thread by force: a noexcept function or a 'catch (...)' that does not rethrow on the way ends the process; return from the thread function instead [threadlife-forced-kill]
  return data;
}

// Returning is the fix: silent.
int c11_returns(void *) { return 1; }
