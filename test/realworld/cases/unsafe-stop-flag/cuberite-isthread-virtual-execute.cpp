// Provenance: cuberite/cuberite d01562cb7d124535654b3073f00f756e980c3e7a ("Use atomic bool for isthread terminate"; an earlier attempt was PR #2637 for issue #2636) - cIsThread's protected volatile bool m_ShouldTerminate was polled by each subclass's virtual Execute() and set by Stop() from the owning thread; made std::atomic<bool>
#include <atomic>
#include <thread>

void processOneQueuedItem(); // waits a little for work, then handles it

// The base class starts a std::thread on a non-virtual trampoline, which calls
// the virtual Execute() that subclasses override.
class cIsThread {
protected:
  virtual void Execute() = 0;
  volatile bool m_ShouldTerminate = false; // expect: unsafe-stop-flag

public:
  virtual ~cIsThread() { Stop(); }
  void Start() { m_Thread = std::thread(&cIsThread::DoExecute, this); }
  void Stop() {
    if (!m_Thread.joinable())
      return;
    m_ShouldTerminate = true;
    m_Thread.join();
  }

private:
  void DoExecute() { Execute(); }
  std::thread m_Thread;
};

class cAuthenticator : public cIsThread {
protected:
  void Execute() override {
    while (!m_ShouldTerminate)
      processOneQueuedItem();
  }
};

void runAuthenticator() {
  cAuthenticator auth;
  auth.Start();
  auth.Stop();
}

// The fix: std::atomic<bool> in the base class.
class cIsThreadFixed {
protected:
  virtual void Execute() = 0;
  std::atomic<bool> m_ShouldTerminate{false};

public:
  virtual ~cIsThreadFixed() { Stop(); }
  void Start() { m_Thread = std::thread(&cIsThreadFixed::DoExecute, this); }
  void Stop() {
    if (!m_Thread.joinable())
      return;
    m_ShouldTerminate = true;
    m_Thread.join();
  }

private:
  void DoExecute() { Execute(); }
  std::thread m_Thread;
};

class cAuthenticatorFixed : public cIsThreadFixed {
protected:
  void Execute() override {
    while (!m_ShouldTerminate)
      processOneQueuedItem();
  }
};

void runAuthenticatorFixed() {
  cAuthenticatorFixed auth;
  auth.Start();
  auth.Stop();
}
