// Provenance: ourfavoritefruits/yuzu 25a97e0139b9b13e25e7e12961d852290bb7137a (a mirror of yuzu-emu/yuzu) "core: cpu_manager: Use jthread." - the core threads are std::jthreads started on a static trampoline ThreadStart(std::stop_token, CpuManager&, core) that forwards the token to RunThread, whose while (running_mode) loop also breaks on stop_token.stop_requested() (silent case)
// Flags: -std=c++20 -pthread
#include <atomic>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <thread>

bool IsPoweredOn();
void WaitForEnterBarrier(std::size_t core);
void RunGuestSlice(std::size_t core);

class CpuManager {
public:
  void Initialize() {
    running_mode = true;
    for (std::size_t core = 0; core < 4; core++)
      host_threads_[core] = std::jthread(ThreadStart, std::ref(*this), core);
  }
  void Shutdown() { running_mode = false; }

private:
  static void ThreadStart(std::stop_token stop_token, CpuManager &cpu_manager, std::size_t core) {
    cpu_manager.RunThread(stop_token, core);
  }
  void RunThread(std::stop_token stop_token, std::size_t core) {
    while (running_mode) {
      WaitForEnterBarrier(core);
      if (!IsPoweredOn())
        return;
      if (stop_token.stop_requested())
        break;
      RunGuestSlice(core);
    }
  }
  std::atomic<bool> running_mode{false};
  std::jthread host_threads_[4];
};
