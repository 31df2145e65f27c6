#include "logger.h"
#include "sampler.h"
#include "watchdog.h"
#include "worker_pool.h"

#include <chrono>
#include <cstdio>
#include <stop_token>
#include <thread>

extern "C" void probe_start(void);
extern "C" void probe_stop(void);

static void report_progress(const int &done) {
  std::printf("done: %d\n", done);
}

int main(int argc, char **argv) {
  Logger logger("pumpd.log");
  probe_start();

  // Correct: jthread asks the sampler to stop and joins it.
  std::jthread sampler(sample_until_stopped, 0);

  // Wrong: this loop never looks at its token; ~jthread waits forever.
  std::jthread spinner([](std::stop_token) {
    while (true)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  });

  // Wrong: the detached thread reads 'done' after main's frame is gone.
  int done = 0;
  std::thread progress([&done] { report_progress(done); });
  progress.detach();

  Heartbeat heartbeat;
  heartbeat.start();

  std::thread flusher([&logger] { logger.log("flush\n"); });
  flusher.join();
  flusher.join(); // Wrong: already joined; throws std::system_error.

  int port = serve(argc > 1 ? argv[1] : "8080");
  done = port;
  probe_stop();
  return 0;
}
