// Provenance: ourfavoritefruits/yuzu src/audio_core/audio_manager.cpp - AudioManager starts a std::jthread whose lambda takes no stop token; its ThreadFunc loops while (running) on a std::atomic<bool> that Shutdown() clears (and wakes the event wait) before join(): a loop that can end on its own (silent case)
// Flags: -std=c++20 -pthread
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

void runBufferCallbacks(bool timed_out);

class AudioManager {
public:
  AudioManager() {
    thread_ = std::jthread([this]() { ThreadFunc(); });
  }
  void Shutdown() {
    running_ = false;
    {
      std::lock_guard<std::mutex> l{event_lock_};
      exit_event_ = true;
    }
    event_cv_.notify_all();
    thread_.join();
  }

private:
  void ThreadFunc() {
    std::unique_lock<std::mutex> l{event_lock_};
    running_ = true;
    while (running_) {
      const bool timed_out =
          !event_cv_.wait_for(l, std::chrono::seconds(2), [this] { return exit_event_; });
      if (exit_event_)
        break;
      runBufferCallbacks(timed_out);
    }
  }
  std::atomic<bool> running_{false};
  std::mutex event_lock_;
  std::condition_variable event_cv_;
  bool exit_event_ = false;
  std::jthread thread_;
};
