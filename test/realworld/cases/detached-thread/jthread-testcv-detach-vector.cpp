// Provenance: josuttis/jthread 2ec4fb958e1e4f62d640921921e2200b68e3a668 (PR #21) - testManyCV detached every jthread of a vector in a range-for while their lambdas held references to mutex/cv/flag arrays local to the enclosing block, which died right after
// Flags: -std=c++20 -pthread
#include <array>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

constexpr int kExtra = 4;
void waitFor(std::stop_token st, bool &ready, std::mutex &m, std::condition_variable_any &cv);

void testManyCV(std::stop_source shared) {
  std::array<bool, kExtra> ready{};
  std::array<std::mutex, kExtra> mutexes;
  std::array<std::condition_variable_any, kExtra> cvs;
  std::vector<std::jthread> threads;
  for (int i = 0; i < kExtra; ++i)
    threads.emplace_back([i, st = shared.get_token(), &ready, &mutexes, &cvs] {
      waitFor(st, ready[i], mutexes[i], cvs[i]);
    });
  // Their stop tokens are not the jthreads' own: a jthread destructor would
  // block, so the test let them go.
  for (auto &t : threads)
    if (t.joinable())
      t.detach(); // expect: detached-thread
} // ready, mutexes and cvs die here while the detached threads wait on them

void testManyCVFixed(std::stop_source shared) {
  std::array<bool, kExtra> ready{};
  std::array<std::mutex, kExtra> mutexes;
  std::array<std::condition_variable_any, kExtra> cvs;
  std::vector<std::jthread> threads; // destroyed (joined) before the arrays
  for (int i = 0; i < kExtra; ++i)
    threads.emplace_back([i, st = shared.get_token(), &ready, &mutexes, &cvs] {
      waitFor(st, ready[i], mutexes[i], cvs[i]);
    });
  shared.request_stop();
}
