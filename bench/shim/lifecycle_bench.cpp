// The lifecycle features in the shim_bench binary: the stop latency of wait_readable, and
// the timer service behind deadline_source with 10,000 live deadlines. Registered here
// under "<figure>/shim" and "<figure>/std", so shim_bench.cpp's table prints them beside
// the core figures. The peer of a deadline is what one writes without the shim: a thread
// per deadline, sleeping in condition_variable_any's token wait.
#include <threadlife/deadline.hpp>
#include <threadlife/io.hpp>
#include <threadlife/jthread.hpp>
#include <threadlife/stop_token.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include <unistd.h>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

void percentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double p) { return micros[std::min(micros.size() - 1, static_cast<size_t>(p * micros.size()))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
}

// ---- stop latency: request_stop() to the return of a wait_readable() on an idle pipe ----

void wait_readable_latency(benchmark::State& state) {
  int fds[2];
  if (::pipe(fds) != 0) {
    state.SkipWithError("pipe");
    return;
  }
  std::vector<double> micros;
  for (auto _ : state) {
    std::atomic<bool> ready{false};
    std::atomic<steady::rep> returned{0};
    threadlife::jthread worker([&](threadlife::stop_token token) {
      ready = true;
      (void)threadlife::wait_readable(fds[0], token);
      returned = steady::now().time_since_epoch().count();
    });
    while (!ready) std::this_thread::yield();
    std::this_thread::sleep_for(2ms);  // let it block in poll
    const auto start = steady::now();
    worker.request_stop();
    worker.join();
    const double seconds =
        std::chrono::duration<double>(steady::time_point(steady::duration(returned.load())) - start).count();
    state.SetIterationTime(seconds);
    micros.push_back(seconds * 1e6);
  }
  percentiles(state, micros);
  ::close(fds[0]);
  ::close(fds[1]);
}
BENCHMARK(wait_readable_latency)
    ->Name("stop latency wait_readable(fd, token)/shim")
    ->Iterations(300)->UseManualTime()->Unit(benchmark::kMicrosecond);

// ---- deadline create + cancel ----

// The peer: one thread per deadline.
class thread_deadline {
 public:
  explicit thread_deadline(steady::duration d)
      : thread_([this, d](std::stop_token token) {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!cv_.wait_for(lock, token, d, [] { return false; })) source_.request_stop();
        }) {}
  std::stop_token get_token() const { return source_.get_token(); }

 private:
  std::stop_source source_;
  std::mutex mutex_;
  std::condition_variable_any cv_;
  std::jthread thread_;  // last: stopped and joined first
};

void deadline_create_cancel_shim(benchmark::State& state) {
  std::vector<threadlife::deadline_source> live;
  live.reserve(static_cast<size_t>(state.range(0)));
  for (int64_t i = 0; i < state.range(0); ++i) live.emplace_back(1h + std::chrono::microseconds(i));
  for (auto _ : state) {
    threadlife::deadline_source d(10min);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(deadline_create_cancel_shim)->Name("deadline create+cancel/shim")->Arg(0)->UseRealTime();
BENCHMARK(deadline_create_cancel_shim)
    ->Name("deadline create+cancel, 10000 live/shim")->Arg(10000)->UseRealTime();

void deadline_create_cancel_std(benchmark::State& state) {
  for (auto _ : state) {
    thread_deadline d(10min);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(deadline_create_cancel_std)->Name("deadline create+cancel/std")->Arg(0)->UseRealTime();

// ---- lateness: from the deadline to the stop callback, with 10,000 other deadlines live ----

struct stamp {
  std::atomic<steady::rep>* at;
  void operator()() const noexcept { at->store(steady::now().time_since_epoch().count()); }
};

void deadline_lateness_shim(benchmark::State& state) {
  std::vector<threadlife::deadline_source> live;
  live.reserve(static_cast<size_t>(state.range(0)));
  for (int64_t i = 0; i < state.range(0); ++i) live.emplace_back(1h + std::chrono::microseconds(i));
  std::vector<double> micros;
  for (auto _ : state) {
    std::atomic<steady::rep> fired{0};
    const auto when = steady::now() + 1ms;
    threadlife::deadline_source d(when);
    threadlife::stop_callback<stamp> on_stop(d.get_token(), stamp{&fired});
    while (fired.load() == 0) std::this_thread::sleep_for(50us);
    const double late = std::chrono::duration<double>(steady::time_point(steady::duration(fired.load())) - when).count();
    state.SetIterationTime(late);
    micros.push_back(late * 1e6);
  }
  percentiles(state, micros);
}
BENCHMARK(deadline_lateness_shim)
    ->Name("deadline lateness/shim")->Arg(0)
    ->Iterations(200)->UseManualTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(deadline_lateness_shim)
    ->Name("deadline lateness, 10000 live/shim")->Arg(10000)
    ->Iterations(200)->UseManualTime()->Unit(benchmark::kMicrosecond);

void deadline_lateness_std(benchmark::State& state) {
  std::vector<double> micros;
  for (auto _ : state) {
    std::atomic<steady::rep> fired{0};
    const auto when = steady::now() + 1ms;
    thread_deadline d(when - steady::now());
    std::stop_callback<stamp> on_stop(d.get_token(), stamp{&fired});
    while (fired.load() == 0) std::this_thread::sleep_for(50us);
    const double late = std::chrono::duration<double>(steady::time_point(steady::duration(fired.load())) - when).count();
    state.SetIterationTime(late);
    micros.push_back(late * 1e6);
  }
  percentiles(state, micros);
}
BENCHMARK(deadline_lateness_std)
    ->Name("deadline lateness/std")->Arg(0)->Iterations(200)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace
