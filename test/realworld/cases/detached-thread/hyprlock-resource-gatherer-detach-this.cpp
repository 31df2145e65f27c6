// Provenance: hyprwm/hyprlock 0b030d33c87f78bf0886f0798d29b6d48cda3af0 (PR #477) - CAsyncResourceGatherer detached its two worker threads, which run member functions through [this]; await() then had nothing to join and the gatherer could be destroyed while the workers still used it
#include <atomic>
#include <thread>

class AsyncResourceGatherer {
public:
  AsyncResourceGatherer() {
    initialGatherThread = std::thread([this]() { this->gather(); });
    initialGatherThread.detach(); // expect: detached-thread

    asyncLoopThread = std::thread([this]() { this->asyncAssetSpinLock(); });
    asyncLoopThread.detach(); // expect: detached-thread
  }
  void await() {
    if (initialGatherThread.joinable())
      initialGatherThread.join();
    if (asyncLoopThread.joinable())
      asyncLoopThread.join();
  }

private:
  void gather();
  void asyncAssetSpinLock();
  std::atomic<bool> gathered{false};
  std::thread asyncLoopThread;
  std::thread initialGatherThread;
};

class AsyncResourceGathererFixed {
public:
  AsyncResourceGathererFixed() {
    initialGatherThread = std::thread([this]() { this->gather(); });
    asyncLoopThread = std::thread([this]() { this->asyncAssetSpinLock(); });
  }
  ~AsyncResourceGathererFixed() {
    quit = true;
    await();
  }
  void await() {
    if (initialGatherThread.joinable())
      initialGatherThread.join();
    if (asyncLoopThread.joinable())
      asyncLoopThread.join();
  }

private:
  void gather();
  void asyncAssetSpinLock(); // returns once quit is set
  std::atomic<bool> quit{false};
  std::thread asyncLoopThread;
  std::thread initialGatherThread;
};
