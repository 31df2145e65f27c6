// threadlife::queue against the queue one writes without it: a std::deque under a
// std::mutex with two std::condition_variables, a closed flag, and a stop flag that the
// stopping thread sets and notifies (the best a plain queue can do for a stop).
//
// Measured in one run, the two queues taking turns round by round so that both see the
// same machine state:
//  - throughput, items/s: P producers push N items each, C consumers pop until the queue
//    is closed and drained; unbounded and bounded (64), 1/1 and 4/4; the best of the rounds;
//  - stop latency: from the stop request to the return of a pop blocked on an empty queue,
//    p50 and p99 over the trials.
#include <threadlife/jthread.hpp>
#include <threadlife/queue.hpp>
#include <threadlife/stop_token.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

class plain_queue {
 public:
  explicit plain_queue(size_t capacity) : capacity_(capacity) {}

  bool push(int value) {
    std::unique_lock<std::mutex> lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(value);
    lock.unlock();
    not_empty_.notify_one();
    return true;
  }

  std::optional<int> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    not_empty_.wait(lock, [&] { return stopped_ || closed_ || !items_.empty(); });
    if (stopped_ || items_.empty()) return std::nullopt;
    const int value = items_.front();
    items_.pop_front();
    lock.unlock();
    not_full_.notify_one();
    return value;
  }

  void close() { set(closed_); }
  void stop() { set(stopped_); }

 private:
  void set(bool& flag) {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      flag = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<int> items_;
  size_t capacity_;
  bool closed_ = false, stopped_ = false;
};

struct shim_side {
  static constexpr const char* name = "threadlife::queue";
  threadlife::queue<int> q;
  explicit shim_side(size_t capacity) : q(capacity) {}
  bool push(const threadlife::stop_token& t, int v) { return q.push(t, v); }
  std::optional<int> pop(const threadlife::stop_token& t) { return q.pop(t); }
  void close() { q.close(); }
};

struct plain_side {
  static constexpr const char* name = "plain queue";
  plain_queue q;
  explicit plain_side(size_t capacity) : q(capacity) {}
  bool push(const threadlife::stop_token&, int v) { return q.push(v); }
  std::optional<int> pop(const threadlife::stop_token&) { return q.pop(); }
  void close() { q.close(); }
};

// Items per second for one round. Each thread runs in a jthread, so the shim's side gets a
// token that can be stopped (its pops register a stop callback when they block).
template <class Side>
double throughput(size_t capacity, int producers, int consumers, int per_producer) {
  Side side(capacity);
  std::atomic<long> popped{0};
  std::atomic<int> producers_left{producers};
  const auto start = steady::now();
  {
    std::vector<threadlife::jthread> threads;
    for (int c = 0; c < consumers; ++c) {
      threads.emplace_back([&](threadlife::stop_token token) {
        long mine = 0;
        while (side.pop(token)) ++mine;
        popped += mine;
      });
    }
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&](threadlife::stop_token token) {
        for (int i = 0; i < per_producer; ++i) side.push(token, i);
        if (--producers_left == 0) side.close();
      });
    }
    // Joined, not destroyed: ~jthread would request a stop, which ends the shim's pops early.
    for (threadlife::jthread& t : threads) t.join();
  }
  const double seconds = std::chrono::duration<double>(steady::now() - start).count();
  if (popped != static_cast<long>(producers) * per_producer) {
    std::fprintf(stderr, "queue_bench: %s lost items\n", Side::name);
    std::exit(1);
  }
  return popped / seconds;
}

// Microseconds from the stop request to the return of a pop blocked on an empty queue.
double stop_latency_shim() {
  threadlife::queue<int> q;
  std::atomic<bool> ready{false};
  std::atomic<steady::rep> returned{0};
  threadlife::jthread worker([&](threadlife::stop_token token) {
    ready = true;
    (void)q.pop(token);
    returned = steady::now().time_since_epoch().count();
  });
  while (!ready) std::this_thread::yield();
  std::this_thread::sleep_for(1ms);  // let it block
  const auto start = steady::now();
  worker.request_stop();
  worker.join();
  return std::chrono::duration<double, std::micro>(
             steady::time_point(steady::duration(returned.load())) - start)
      .count();
}

double stop_latency_plain() {
  plain_queue q(std::numeric_limits<size_t>::max());
  std::atomic<bool> ready{false};
  std::atomic<steady::rep> returned{0};
  std::thread worker([&] {
    ready = true;
    (void)q.pop();
    returned = steady::now().time_since_epoch().count();
  });
  while (!ready) std::this_thread::yield();
  std::this_thread::sleep_for(1ms);
  const auto start = steady::now();
  q.stop();
  worker.join();
  return std::chrono::duration<double, std::micro>(
             steady::time_point(steady::duration(returned.load())) - start)
      .count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

void row(const std::string& figure, double shim, double plain, const char* unit, int digits) {
  std::printf("%-44s %14.*f %14.*f %-7s %6.2f\n", figure.c_str(), digits, shim, digits, plain,
              unit, shim / plain);
}

}  // namespace

int main(int argc, char** argv) {
  // A smaller first argument makes a quick run: bench/run-shim passes none.
  const int scale = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  const int rounds = 7;
  std::printf("%-44s %14s %14s %-7s %6s\n", "figure", "threadlife", "plain", "unit", "ratio");
  struct shape {
    const char* name;
    size_t capacity;
    int producers, consumers;
  };
  const shape shapes[] = {
      {"throughput unbounded, 1 producer/1 consumer", threadlife::queue<int>::unbounded, 1, 1},
      {"throughput unbounded, 4 producers/4 consumers", threadlife::queue<int>::unbounded, 4, 4},
      {"throughput bounded 64, 1 producer/1 consumer", 64, 1, 1},
      {"throughput bounded 64, 4 producers/4 consumers", 64, 4, 4},
  };
  for (const shape& s : shapes) {
    const int per_producer = 20000 * scale / s.producers;
    double best_shim = 0, best_plain = 0;
    for (int round = 0; round < rounds; ++round) {
      best_shim = std::max(best_shim, throughput<shim_side>(s.capacity, s.producers, s.consumers, per_producer));
      best_plain = std::max(best_plain, throughput<plain_side>(s.capacity, s.producers, s.consumers, per_producer));
    }
    row(s.name, best_shim / 1e6, best_plain / 1e6, "M/s", 2);
  }
  std::vector<double> shim_us, plain_us;
  for (int trial = 0; trial < 20 * scale; ++trial) {
    shim_us.push_back(stop_latency_shim());
    plain_us.push_back(stop_latency_plain());
  }
  row("stop latency of a blocked pop, p50", percentile(shim_us, 0.50), percentile(plain_us, 0.50), "us", 1);
  row("stop latency of a blocked pop, p99", percentile(shim_us, 0.99), percentile(plain_us, 0.99), "us", 1);
  std::printf(
      "\nthroughput: the best of %d alternating rounds, %d items per shape; ratio = threadlife / "
      "plain\n(above 1.0: more items/s). Stop latency: request_stop() to the blocked pop's "
      "return, %d trials each,\nalternating; the plain queue's stop is a flag set under its "
      "mutex and notify_all (ratio below 1.0: faster).\n",
      rounds, 20000 * scale, 20 * scale);
  return 0;
}
