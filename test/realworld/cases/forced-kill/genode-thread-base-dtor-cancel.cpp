// Provenance: genodelabs/genode https://github.com/genodelabs/genode/issues/501 (base-linux/src/platform/lx_hybrid.cc) - the Thread_base destructor pthread_cancel'ed the thread; in C++ that unwinds it with a forced exception, which with asynchronous cancellation can strike inside another object's destructor and aborts at any catch (...) that does not rethrow
#include <atomic>
#include <pthread.h>

void entryStep(); // one unit of the thread's work

class Thread_base {
public:
  void start() { pthread_create(&tid_, nullptr, &Thread_base::thread_start, this); }
  virtual ~Thread_base() {
    pthread_cancel(tid_); // expect: forced-kill
    pthread_join(tid_, nullptr);
  }

protected:
  virtual void entry() {
    for (;;)
      entryStep();
  }

private:
  static void *thread_start(void *arg) {
    static_cast<Thread_base *>(arg)->entry();
    return nullptr;
  }
  pthread_t tid_{};
};

// How it should be: the entry returns when asked, and the destructor joins.
class Thread_baseFixed {
public:
  void start() { pthread_create(&tid_, nullptr, &Thread_baseFixed::thread_start, this); }
  virtual ~Thread_baseFixed() {
    stop_ = true;
    pthread_join(tid_, nullptr);
  }

protected:
  virtual void entry() {
    while (!stop_)
      entryStep();
  }

private:
  static void *thread_start(void *arg) {
    static_cast<Thread_baseFixed *>(arg)->entry();
    return nullptr;
  }
  std::atomic<bool> stop_{false};
  pthread_t tid_{};
};
