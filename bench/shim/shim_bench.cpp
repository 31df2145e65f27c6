// The runtime library against libstdc++: each figure is measured for the shim's own stop
// token (built with THREADLIFE_OWN_STOP_TOKEN, so it is not simply std's) and for
// std::stop_token / std::jthread / std::condition_variable_any in the same run, then
// printed side by side with the ratio shim / libstdc++ (below 1.0: the shim is faster).
#include <threadlife/jthread.hpp>
#include <threadlife/stop_token.hpp>
#include <threadlife/wait.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#if THREADLIFE_STD_STOP_TOKEN
#error "build the benchmark with THREADLIFE_OWN_STOP_TOKEN: it compares the own implementation"
#endif

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

struct shim {
  static constexpr const char* name = "shim";
  using stop_source = threadlife::stop_source;
  using stop_token = threadlife::stop_token;
  template <class F>
  using stop_callback = threadlife::stop_callback<F>;
  using jthread = threadlife::jthread;
  using condition_variable_any = threadlife::condition_variable_any;
};

struct libstdcxx {
  static constexpr const char* name = "std";
  using stop_source = std::stop_source;
  using stop_token = std::stop_token;
  template <class F>
  using stop_callback = std::stop_callback<F>;
  using jthread = std::jthread;
  using condition_variable_any = std::condition_variable_any;
};

struct bump {
  long* count;
  void operator()() const noexcept { ++*count; }
};

// ---- stop_requested() polling ----

// Out of line and opaque to interprocedural optimization, so that both sides measure the
// very same call. Inlined into the benchmark's loop, the same one load came out as
// differently shaped loops for the two types, and the figure measured the compiler's loop
// layout instead of stop_requested().
template <class Token>
__attribute__((noipa)) bool poll_once(const Token& token) {
  return token.stop_requested();
}

template <class Impl>
void poll(benchmark::State& state) {
  static typename Impl::stop_source source;  // one stop state shared by all threads
  const typename Impl::stop_token token = source.get_token();
  for (auto _ : state) benchmark::DoNotOptimize(poll_once(token));
}

// ---- callback register + unregister ----

template <class Impl>
void register_unregister(benchmark::State& state) {
  static typename Impl::stop_source source;
  const typename Impl::stop_token token = source.get_token();
  long count = 0;
  using callback = typename Impl::template stop_callback<bump>;
  std::vector<std::unique_ptr<callback>> live;
  for (int64_t i = 0; i < state.range(0); ++i) {
    live.push_back(std::make_unique<callback>(token, bump{&count}));
  }
  for (auto _ : state) {
    callback cb(token, bump{&count});
    benchmark::DoNotOptimize(&cb);
  }
}

// ---- request_stop() with N callbacks ----

template <class Impl>
void request_stop(benchmark::State& state) {
  const int callbacks = static_cast<int>(state.range(0));
  // Each timed stretch stops enough states to hold about 10,000 callbacks, so that the
  // clock's resolution does not count.
  const int batch = std::max(1, 10000 / callbacks);
  using callback = typename Impl::template stop_callback<bump>;
  long count = 0;
  double per_request_ns = 0;
  for (auto _ : state) {
    std::vector<typename Impl::stop_source> sources(batch);
    auto slots = std::make_unique<std::optional<callback>[]>(static_cast<size_t>(batch) * callbacks);
    for (int s = 0; s < batch; ++s) {
      const typename Impl::stop_token token = sources[s].get_token();
      for (int c = 0; c < callbacks; ++c) slots[s * callbacks + c].emplace(token, bump{&count});
    }
    const auto start = steady::now();
    for (auto& source : sources) source.request_stop();
    const auto stop = steady::now();
    const double seconds = std::chrono::duration<double>(stop - start).count();
    state.SetIterationTime(seconds);
    per_request_ns += seconds * 1e9 / batch;
  }
  // An iteration is a whole batch; the figure is one request_stop().
  state.counters["per_request_ns"] = benchmark::Counter(per_request_ns, benchmark::Counter::kAvgIterations);
  if (count != static_cast<long>(state.iterations()) * batch * callbacks) state.SkipWithError("lost callbacks");
}

// ---- jthread start + join ----

template <class Impl>
void start_join(benchmark::State& state) {
  for (auto _ : state) {
    typename Impl::jthread t([](typename Impl::stop_token token) { benchmark::DoNotOptimize(token); });
    t.join();
  }
}

// ---- stop latency: request_stop() to the worker's exit ----

enum class wait_kind { sleep, cv, poll };

template <class Impl>
void worker_body(wait_kind kind, typename Impl::stop_token token, std::atomic<bool>& ready,
                 std::atomic<steady::rep>& exited) {
  switch (kind) {
    case wait_kind::sleep:
      ready = true;
      if constexpr (std::is_same_v<Impl, shim>) {
        threadlife::sleep_for(token, 1h);
      }
      break;
    case wait_kind::cv: {
      typename Impl::condition_variable_any cv;
      std::mutex m;
      std::unique_lock<std::mutex> lock(m);
      ready = true;
      cv.wait(lock, token, [] { return false; });
      break;
    }
    case wait_kind::poll:
      ready = true;
      while (!token.stop_requested()) std::this_thread::sleep_for(10ms);
      break;
  }
  exited = steady::now().time_since_epoch().count();
}

// One trial: start a worker, let it block, then time request_stop() to its exit.
template <class Impl>
double stop_latency_trial(wait_kind kind, int trial) {
  std::atomic<bool> ready{false};
  std::atomic<steady::rep> exited{0};
  typename Impl::jthread worker([&](typename Impl::stop_token token) {
    worker_body<Impl>(kind, std::move(token), ready, exited);
  });
  while (!ready) std::this_thread::yield();
  std::this_thread::sleep_for(2ms);  // let it block
  if (kind == wait_kind::poll) {
    // Land the request at a different point of the 10 ms sleep each time.
    std::this_thread::sleep_for(std::chrono::microseconds(trial * 3797 % 10000));
  }
  const auto start = steady::now();
  worker.request_stop();
  worker.join();
  const auto end = steady::time_point(steady::duration(exited.load()));
  return std::chrono::duration<double, std::micro>(end - start).count();
}

struct latency_case {
  const char* figure;
  bool is_shim;
  wait_kind kind;
};

// The cases take turns trial by trial, so that every case sees the same machine state: on
// a shared machine the load drifts within seconds, and p99 is what it moves most.
void stop_latency(benchmark::State& state, std::vector<latency_case> cases) {
  std::vector<std::vector<double>> micros(cases.size());
  size_t turn = 0;
  int trial = 0;
  for (auto _ : state) {
    const latency_case& c = cases[turn];
    const int round = trial++ / static_cast<int>(cases.size());
    const double us = c.is_shim ? stop_latency_trial<shim>(c.kind, round)
                                : stop_latency_trial<libstdcxx>(c.kind, round);
    micros[turn].push_back(us);
    state.SetIterationTime(us / 1e6);
    turn = (turn + 1) % cases.size();
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    std::vector<double>& v = micros[i];
    std::sort(v.begin(), v.end());
    auto percentile = [&](double p) { return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))]; };
    const std::string name = std::string("latency:") + cases[i].figure + (cases[i].is_shim ? "/shim" : "/std");
    state.counters[name + ":p50_us"] = percentile(0.50);
    state.counters[name + ":p99_us"] = percentile(0.99);
  }
}

// ---- registration: each figure for the shim, then at once for libstdc++ ----

template <class Impl>
std::string named(const char* figure) {
  return std::string(figure) + "/" + Impl::name;
}

template <class Impl>
void register_figure(int which) {
  switch (which) {
    case 0:
      benchmark::RegisterBenchmark(named<Impl>("stop_requested() poll").c_str(), poll<Impl>)
          ->Threads(1)->Threads(16)->UseRealTime();
      break;
    case 1:
      benchmark::RegisterBenchmark(named<Impl>("callback register+unregister").c_str(),
                                   register_unregister<Impl>)
          ->Arg(0)->Threads(1)->UseRealTime();
      break;
    case 2:
      benchmark::RegisterBenchmark(named<Impl>("callback register+unregister 1000 live").c_str(),
                                   register_unregister<Impl>)
          ->Arg(1000)->Threads(20)->UseRealTime();
      break;
    case 3:
      benchmark::RegisterBenchmark(named<Impl>("request_stop() callbacks").c_str(),
                                   request_stop<Impl>)
          ->Arg(1)->Arg(100)->Arg(10000)->UseManualTime();
      break;
    case 4:
      benchmark::RegisterBenchmark(named<Impl>("jthread start+join").c_str(), start_join<Impl>)
          ->UseRealTime();
      break;
    case 5:
      // Both sides in one benchmark, trial by trial. libstdc++ has no stop-aware sleep:
      // the table holds it to libstdc++'s condition_variable_any token wait.
      if constexpr (std::is_same_v<Impl, shim>) {
        benchmark::RegisterBenchmark(
            "stop latency, stop-aware waits", stop_latency,
            std::vector<latency_case>{
                {"stop latency sleep_for(token, 1h)", true, wait_kind::sleep},
                {"stop latency condition_variable_any token wait", true, wait_kind::cv},
                {"stop latency condition_variable_any token wait", false, wait_kind::cv}})
            ->Iterations(3 * 400)->UseManualTime()->Unit(benchmark::kMicrosecond);
      }
      break;
    case 6:
      if constexpr (std::is_same_v<Impl, shim>) {
        benchmark::RegisterBenchmark(
            "stop latency, polling loops", stop_latency,
            std::vector<latency_case>{
                {"stop latency polling loop, 10 ms sleep", true, wait_kind::poll},
                {"stop latency polling loop, 10 ms sleep", false, wait_kind::poll}})
            ->Iterations(2 * 100)->UseManualTime()->Unit(benchmark::kMicrosecond);
      }
      break;
  }
}

constexpr int figure_count = 7;
constexpr int first_latency_figure = 5;
constexpr int timing_rounds = 3;

// Prints the normal console lines and keeps every run for the comparison table.
class collecting_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (!run.error_occurred && run.run_type == Run::RT_Iteration) kept.push_back(run);
    }
  }
  std::vector<Run> kept;
};

struct figure {
  double shim = -1;
  double std = -1;
  std::string unit;
};

// "request_stop() callbacks/shim/10000/manual_time" -> ("request_stop() callbacks/10000", shim)
bool split_name(std::string name, std::string& key, bool& is_shim) {
  for (const char* drop : {"/manual_time", "/real_time"}) {
    const auto at = name.find(drop);
    if (at != std::string::npos) name.erase(at, std::string(drop).size());
  }
  for (const char* impl : {"/shim", "/std"}) {
    const auto at = name.find(impl);
    if (at != std::string::npos) {
      is_shim = std::string(impl) == "/shim";
      key = name.erase(at, std::string(impl).size());
      return true;
    }
  }
  return false;
}

void print_table(const std::vector<benchmark::BenchmarkReporter::Run>& runs) {
  std::vector<std::string> order;
  std::map<std::string, figure> figures;
  auto put = [&](const std::string& key, bool is_shim, double value, const std::string& unit) {
    if (!figures.count(key)) order.push_back(key);
    figure& f = figures[key];
    double& side = is_shim ? f.shim : f.std;
    // Timings repeat over several rounds: noise only ever adds time, so keep the least.
    side = side < 0 ? value : std::min(side, value);
    f.unit = unit;
  };
  double std_cv_p50 = -1, std_cv_p99 = -1;
  for (const auto& run : runs) {
    std::string key;
    bool is_shim = false;
    bool interleaved = false;
    for (const auto& [counter, value] : run.counters) {
      // "latency:<figure>/<impl>:p50_us" from an interleaved latency benchmark
      if (counter.rfind("latency:", 0) != 0) continue;
      interleaved = true;
      const auto colon = counter.rfind(':');
      std::string figure_key;
      bool shim_side = false;
      if (!split_name(counter.substr(8, colon - 8), figure_key, shim_side)) continue;
      const bool p99 = counter.compare(colon + 1, 3, "p99") == 0;
      put(figure_key + (p99 ? " p99" : " p50"), shim_side, value, "us");
      if (!shim_side && figure_key.find("condition_variable_any") != std::string::npos) {
        (p99 ? std_cv_p99 : std_cv_p50) = value;
      }
    }
    if (interleaved) continue;
    if (!split_name(run.benchmark_name(), key, is_shim)) continue;
    if (run.counters.count("p50_us")) {
      const double p50 = run.counters.at("p50_us"), p99 = run.counters.at("p99_us");
      put(key + " p50", is_shim, p50, "us");
      put(key + " p99", is_shim, p99, "us");
      if (!is_shim && key.find("condition_variable_any") != std::string::npos) {
        std_cv_p50 = p50;
        std_cv_p99 = p99;
      }
    } else if (run.counters.count("per_request_ns")) {
      put(key, is_shim, run.counters.at("per_request_ns"), "ns");
    } else {
      put(key, is_shim, run.GetAdjustedRealTime(), "ns");
    }
  }
  std::printf("\n%-58s %14s %14s %7s\n", "figure", "shim", "libstdc++", "ratio");
  for (const std::string& key : order) {
    const figure& f = figures[key];
    char shim_text[32], std_text[32], ratio[16];
    std::snprintf(shim_text, sizeof shim_text, f.shim < 0 ? "-" : "%.1f %s", f.shim, f.unit.c_str());
    // A stop-aware wait the standard library lacks is held to libstdc++'s
    // condition_variable_any token wait, the best std equivalent.
    double reference = f.std;
    std::string ref_note;
    if (reference < 0 && key.find("stop latency") != std::string::npos) {
      const bool p99 = key.compare(key.size() - 3, 3, "p99") == 0;
      reference = p99 ? std_cv_p99 : std_cv_p50;
      ref_note = " (cv)";
    }
    std::snprintf(std_text, sizeof std_text, reference < 0 ? "-" : "%.1f %s%s", reference,
                  f.unit.c_str(), ref_note.c_str());
    if (f.shim >= 0 && reference > 0) {
      std::snprintf(ratio, sizeof ratio, "%.2f", f.shim / reference);
    } else {
      std::snprintf(ratio, sizeof ratio, "-");
    }
    std::printf("%-58s %14s %14s %7s\n", key.c_str(), shim_text, std_text, ratio);
  }
  std::printf(
      "\nratio = shim / libstdc++ (below 1.0: the shim is faster). Operation times: the best "
      "of %d alternating rounds.\nLatencies: from request_stop() to the worker's exit, "
      "cases alternating trial by trial; \"(cv)\": compared with\nlibstdc++'s "
      "condition_variable_any token wait, as libstdc++ has no such wait of its own.\n",
      timing_rounds);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Interleaved per figure, and the operation timings in several rounds, so that both
  // sides see the same machine state. The latency figures interleave trial by trial.
  for (int round = 0; round < timing_rounds; ++round) {
    for (int which = 0; which < figure_count; ++which) {
      if (round > 0 && which >= first_latency_figure) continue;
      register_figure<shim>(which);
      register_figure<libstdcxx>(which);
    }
  }
  collecting_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  print_table(reporter.kept);
  benchmark::Shutdown();
  return 0;
}
