// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -pthread

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <functional>
#include <mutex>
#include <thread>

void work();

// A member polled by the thread's loop and written by stop().
class Worker {
public:
  void start() { thread_ = std::thread(&Worker::run, this); }
  void stop() {
    running_ = false;
    thread_.join();
  }

private:
  void run() {
    while (running_)
      work();
  }
  bool running_ = true;
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: stop flag 'running_' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-3]]:16: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-7]]:12: note: polled here, in the thread's loop
  // CHECK-NOTES: :[[@LINE-14]]:5: note: written here, in a function the thread's body does not call
  // CHECK-FIXES: {{^}}  std::atomic<bool> running_{true};
  std::thread thread_;
};

// A volatile global: the message says why volatile is not enough.
static volatile bool g_quit = false;
// CHECK-NOTES: :[[@LINE-1]]:22: warning: stop flag 'g_quit' is polled by a thread's loop and written by another thread, but volatile makes neither the write visible in time nor the access free of a data race; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
// CHECK-NOTES: :[[@LINE-2]]:8: note: FIX-IT applied suggested code changes
// CHECK-NOTES: :[[@LINE-3]]:28: note: FIX-IT applied suggested code changes
// CHECK-FIXES: {{^}}static std::atomic<bool> g_quit{false};
void pollGlobal() {
  for (;;) {
    if (g_quit)
      // CHECK-NOTES: :[[@LINE-1]]:9: note: polled here, in the thread's loop
      break;
    work();
  }
}
void startGlobal() {
  std::thread t(pollGlobal);
  g_quit = true;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: written here, in a function the thread's body does not call
  t.join();
}

// A local captured by reference, written after the thread starts.
void localFlag() {
  bool done = false;
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: stop flag 'done' is polled by a thread's loop and written by another thread without synchronization
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-3]]:12: note: FIX-IT applied suggested code changes
  // CHECK-FIXES: {{^}}  std::atomic<bool> done{false};
  std::thread t([&] {
    while (!done)
      // CHECK-NOTES: :[[@LINE-1]]:13: note: polled here, in the thread's loop
      work();
  });
  done = true;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: written here, in a function the thread's body does not call
  t.join();
}

// Polled through a helper, written under a lock the reader does not take.
class Half {
  std::mutex m_;
  int stop_ = 0;
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: stop flag 'stop_' is polled by a thread's loop and written by another thread without synchronization
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-3]]:12: note: FIX-IT applied suggested code changes
  // CHECK-FIXES: {{^}}  std::atomic<int> stop_{0};
  bool stopping() const { return stop_ != 0; }
  // CHECK-NOTES: :[[@LINE-1]]:34: note: polled here, in the thread's loop
  void loop() {
    while (!stopping())
      work();
  }

public:
  void start() { std::thread(&Half::loop, this).detach(); }
  void stop() {
    std::lock_guard<std::mutex> lock(m_);
    stop_ = 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: written here, in a function the thread's body does not call
  }
};

// The address of the flag is taken: a type change would break that, so no
// fix-it.
bool g_paused;
// CHECK-NOTES: :[[@LINE-1]]:6: warning: stop flag 'g_paused' is polled
// CHECK-FIXES: {{^}}bool g_paused;
void setFlag(bool *flag) { *flag = true; }
void pollPaused() {
  while (!g_paused)
    // CHECK-NOTES: :[[@LINE-1]]:11: note: polled here, in the thread's loop
    work();
}
void pauseWorker() {
  std::thread t(pollPaused);
  setFlag(&g_paused);
  g_paused = true;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: written here, in a function the thread's body does not call
  t.join();
}

// Started through std::bind, as many services do; the write in Start()
// comes before the thread exists and is not a note.
class Service {
public:
  void Start() {
    m_IsRunning = true;
    m_Thread = new std::thread(std::bind(&Service::Run, this));
  }
  void Stop() {
    m_IsRunning = false;
    m_Thread->join();
  }

private:
  void Run() {
    while (m_IsRunning)
      work();
  }
  volatile bool m_IsRunning = false;
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: stop flag 'm_IsRunning' is polled by a thread's loop and written by another thread, but volatile
  // CHECK-NOTES: :[[@LINE-2]]:3: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-3]]:28: note: FIX-IT applied suggested code changes
  // CHECK-NOTES: :[[@LINE-7]]:12: note: polled here, in the thread's loop
  // CHECK-NOTES: :[[@LINE-14]]:5: note: written here, in a function the thread's body does not call
  std::thread *m_Thread = nullptr;
};

//===--- Negatives: each is fine, and why --------------------------------===//

// Atomic.
class AtomicWorker {
  std::atomic<bool> running_{true};
  void run() {
    while (running_)
      work();
  }

public:
  void start() { std::thread(&AtomicWorker::run, this).detach(); }
  void stop() { running_ = false; }
};

// Read and written under the same mutex, also through a helper that takes it.
class Locked {
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool stopping() {
    std::lock_guard<std::mutex> lock(m_);
    return stop_;
  }
  void run() {
    while (!stopping())
      work();
  }
  void waits() {
    std::unique_lock<std::mutex> lock(m_);
    while (!stop_)
      cv_.wait(lock);
  }
  void predicate() {
    for (;;) {
      std::unique_lock<std::mutex> lock(m_);
      cv_.wait(lock, [this] { return stop_; });
      if (stop_)
        return;
    }
  }

public:
  void start() {
    std::thread(&Locked::run, this).detach();
    std::thread(&Locked::waits, this).detach();
    std::thread(&Locked::predicate, this).detach();
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
  }
};

// Only one thread touches the flag: the loop clears it itself.
void singleThread() {
  std::thread t([] {
    bool more = true;
    while (more)
      more = false;
  });
  t.join();
}

// A single-threaded loop on a bool: no thread polls it.
bool g_interactive;
void repl() {
  while (g_interactive)
    work();
}
void quitRepl() { g_interactive = false; }

// Written only before the thread starts.
void setup() {
  bool verbose = true;
  verbose = false;
  std::thread t([&] {
    while (verbose)
      work();
  });
  t.join();
}

// Accessed through atomic builtins and std::atomic_ref.
bool g_builtin;
int g_ref;
void pollBuiltin() {
  while (!__atomic_load_n(&g_builtin, __ATOMIC_ACQUIRE))
    work();
  while (!std::atomic_ref<int>(g_ref).load())
    work();
}
void startBuiltin() {
  std::thread t(pollBuiltin);
  __atomic_store_n(&g_builtin, true, __ATOMIC_RELEASE);
  std::atomic_ref<int>(g_ref).store(1);
  t.join();
}

// A signal handler's flag, of the type made for it.
volatile std::sig_atomic_t g_signalled;
void onSignal(int) { g_signalled = 1; }
void pollSignal() {
  while (!g_signalled)
    work();
}
void startSignal() {
  std::signal(SIGTERM, onSignal);
  std::thread(pollSignal).detach();
}
