// Provenance: ourfavoritefruits/yuzu c55147b24a2752bd86aa559d2397a9dc54feb582 (a mirror of yuzu-emu/yuzu) - GCAdapter::AdapterScanThread, a std::jthread body, retried Setup() with while (!stop_token.stop_requested() && !Setup()) sleep_for(2s): the stop request could not cut the 2 s sleep
// Flags: -std=c++20 -pthread
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

bool Setup(); // opens the USB adapter, false while it is not plugged in

class GCAdapter {
public:
  void Start() {
    scan_thread_ = std::jthread([this](std::stop_token token) { AdapterScanThread(token); });
  }

private:
  void AdapterScanThread(std::stop_token stop_token) {
    while (!stop_token.stop_requested() && !Setup()) {
      std::this_thread::sleep_for(std::chrono::seconds(2)); // expect: blocking-wait-ignores-stop
    }
  }
  std::jthread scan_thread_;
};

// The fix: a timed wait that the stop request ends.
template <typename Rep, typename Period>
bool StoppableTimedWait(std::stop_token token, const std::chrono::duration<Rep, Period> &rel_time) {
  std::condition_variable_any cv;
  std::mutex m;
  std::unique_lock<std::mutex> lk{m};
  return !cv.wait_for(lk, token, rel_time, [&] { return token.stop_requested(); });
}

class GCAdapterFixed {
public:
  void Start() {
    scan_thread_ = std::jthread([this](std::stop_token token) { AdapterScanThread(token); });
  }

private:
  void AdapterScanThread(std::stop_token stop_token) {
    while (!Setup() && StoppableTimedWait(stop_token, std::chrono::seconds{2})) {
    }
  }
  std::jthread scan_thread_;
};
