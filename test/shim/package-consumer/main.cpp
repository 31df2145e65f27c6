// Uses the installed headers and the compiled part; exits 0 only if a stop request reaches
// the thread, through a stop-aware sleep and through a queue's pop.
#include <threadlife/jthread.hpp>
#include <threadlife/queue.hpp>
#include <threadlife/stop_token.hpp>
#include <threadlife/wait.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

int main() {
  using namespace std::chrono_literals;
  bool slept_stopped = false, popped_stopped = false;
  threadlife::queue<int> jobs;
  {
    threadlife::jthread sleeper([&](threadlife::stop_token token) {
      slept_stopped = !threadlife::sleep_for(token, 1h);
    });
    threadlife::jthread worker([&](threadlife::stop_token token) {
      popped_stopped = !jobs.pop(token).has_value();
    });
    sleeper.set_name("consumer");  // the compiled part
  }  // each requests the stop and joins
  const bool ok = slept_stopped && popped_stopped;
  std::puts(ok ? "threadlife: stopped" : "threadlife: not stopped");
  return ok ? 0 : 1;
}
