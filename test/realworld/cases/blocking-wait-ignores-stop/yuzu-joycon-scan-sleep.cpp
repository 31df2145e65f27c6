// Provenance: ourfavoritefruits/yuzu c55147b24a2752bd86aa559d2397a9dc54feb582 (a mirror of yuzu-emu/yuzu) - Joycons::ScanThread, a std::jthread body, enumerated HID devices in while (!stop_token.stop_requested()) { ...; sleep_for(5s); }, so closing the emulator waited up to 5 s for the scan thread
// Flags: -std=c++20 -pthread
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

void EnumerateAndRegisterNewDevices();

class Joycons {
public:
  Joycons() {
    scan_thread_ = std::jthread([this](std::stop_token stop_token) { ScanThread(stop_token); });
  }

private:
  void ScanThread(std::stop_token stop_token) {
    while (!stop_token.stop_requested()) {
      EnumerateAndRegisterNewDevices();
      std::this_thread::sleep_for(std::chrono::seconds(5)); // expect: blocking-wait-ignores-stop
    }
  }
  std::jthread scan_thread_;
};

// The fix, in the polyfill the project uses where jthread's waits are missing:
// a stop_callback wakes a plain condition variable, and the wait's predicate
// looks at the flag the callback sets.
template <typename Rep, typename Period>
bool StoppableTimedWait(std::stop_token token, const std::chrono::duration<Rep, Period> &rel_time) {
  if (token.stop_requested())
    return false;
  bool stop_requested = false;
  std::condition_variable cv;
  std::mutex m;
  std::stop_callback cb(token, [&] {
    std::unique_lock<std::mutex> lk{m};
    stop_requested = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lk{m};
  return !cv.wait_for(lk, rel_time, [&] { return stop_requested; });
}

class JoyconsFixed {
public:
  JoyconsFixed() {
    scan_thread_ = std::jthread([this](std::stop_token stop_token) { ScanThread(stop_token); });
  }

private:
  void ScanThread(std::stop_token stop_token) {
    do {
      EnumerateAndRegisterNewDevices();
    } while (StoppableTimedWait(stop_token, std::chrono::seconds{5}));
  }
  std::jthread scan_thread_;
};
