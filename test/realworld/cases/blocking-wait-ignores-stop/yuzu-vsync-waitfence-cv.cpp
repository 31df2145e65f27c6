// Provenance: ourfavoritefruits/yuzu d866916f42c3bbb21aa6f046140737690c1ce47f (a mirror of yuzu-emu/yuzu) - the NVFlinger VSync std::jthread loop (while (!stop_token.stop_requested())) composed frames through GPU::WaitFence, which slept on a std::condition_variable for a syncpoint; stopping emulation could hang with the VSync thread parked there. Fixed by a condition_variable_any wait given the thread's stop token
// Flags: -std=c++20 -pthread
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

class GPU {
public:
  void WaitFence(unsigned value) {
    std::unique_lock<std::mutex> lock{sync_mutex_};
    sync_cv_.wait(lock, [&] { return syncpoint_.load() >= value; }); // expect: blocking-wait-ignores-stop
  }
  void IncrementSyncPoint() {
    std::lock_guard<std::mutex> lock{sync_mutex_};
    ++syncpoint_;
    sync_cv_.notify_all();
  }

private:
  std::atomic<unsigned> syncpoint_{0};
  std::mutex sync_mutex_;
  std::condition_variable sync_cv_;
};

class NVFlinger {
public:
  explicit NVFlinger(GPU &gpu) : gpu_(gpu) {
    vsync_thread_ = std::jthread([this](std::stop_token token) { SplitVSync(token); });
  }

private:
  void SplitVSync(std::stop_token stop_token) {
    while (!stop_token.stop_requested()) {
      gpu_.WaitFence(next_fence_++); // Compose(): wait for the buffer's fence
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
  }
  GPU &gpu_;
  unsigned next_fence_ = 1;
  std::jthread vsync_thread_;
};

// The fix: the wait takes the VSync thread's stop token.
class GPUFixed {
public:
  void WaitFence(unsigned value, std::stop_token stop_token = {}) {
    std::unique_lock<std::mutex> lock{sync_mutex_};
    sync_cv_.wait(lock, stop_token, [&] { return syncpoint_.load() >= value; });
  }
  void IncrementSyncPoint() {
    std::lock_guard<std::mutex> lock{sync_mutex_};
    ++syncpoint_;
    sync_cv_.notify_all();
  }

private:
  std::atomic<unsigned> syncpoint_{0};
  std::mutex sync_mutex_;
  std::condition_variable_any sync_cv_;
};

class NVFlingerFixed {
public:
  explicit NVFlingerFixed(GPUFixed &gpu) : gpu_(gpu) {
    vsync_thread_ = std::jthread([this](std::stop_token token) { SplitVSync(token); });
  }

private:
  void SplitVSync(std::stop_token stop_token) {
    while (!stop_token.stop_requested()) {
      gpu_.WaitFence(next_fence_++, stop_token);
      std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
  }
  GPUFixed &gpu_;
  unsigned next_fence_ = 1;
  std::jthread vsync_thread_;
};
