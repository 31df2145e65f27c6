// Uses each installed header once; exits 0 only if a stop request reaches the thread.
#include <threadlife/jthread.hpp>
#include <threadlife/stop_token.hpp>
#include <threadlife/wait.hpp>

#include <chrono>
#include <cstdio>

int main() {
  using namespace std::chrono_literals;
  bool stopped = false;
  {
    threadlife::jthread worker([&](threadlife::stop_token token) {
      stopped = !threadlife::sleep_for(token, 1h);
    });
    worker.set_name("consumer");
  }  // requests the stop and joins
  std::puts(stopped ? "threadlife: stopped" : "threadlife: not stopped");
  return stopped ? 0 : 1;
}
