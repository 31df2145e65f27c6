// Provenance: google/leveldb util/env_posix.cc (at 78a352f47ed6c1e9d750545e9b242289185b87e1) - silent case: PosixEnv::Schedule() detaches a background thread that runs on 'this', and StartThread() detaches one with a caller-owned void* argument; both are correct because the PosixEnv singleton is never destroyed (its destructor aborts) and StartThread's argument belongs to the caller by contract
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <queue>
#include <thread>

class PosixEnvFixed {
public:
  ~PosixEnvFixed() {
    std::fputs("the environment must never be destroyed\n", stderr);
    std::abort();
  }
  void Schedule(void (*fn)(void *), void *arg) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!startedBackgroundThread_) {
      startedBackgroundThread_ = true;
      std::thread backgroundThread(PosixEnvFixed::BackgroundThreadEntryPoint, this);
      backgroundThread.detach();
    }
    queue_.push(Work{fn, arg});
  }
  void StartThread(void (*threadMain)(void *), void *threadMainArg) {
    std::thread newThread(threadMain, threadMainArg);
    newThread.detach();
  }

private:
  struct Work {
    void (*fn)(void *);
    void *arg;
  };
  static void BackgroundThreadEntryPoint(PosixEnvFixed *env) { env->BackgroundThreadMain(); }
  void BackgroundThreadMain();
  std::mutex mu_;
  bool startedBackgroundThread_ = false;
  std::queue<Work> queue_;
};
