#include "sampler.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace {
std::mutex queue_mutex;
std::condition_variable queue_ready;
int pending = 0;
} // namespace

int read_sample(int sensor) {
  char byte = 0;
  if (::read(sensor, &byte, 1) != 1)
    return -1;
  return byte;
}

void sample_until_stopped(std::stop_token token, int sensor) {
  while (!token.stop_requested()) {
    int sample = read_sample(sensor);
    if (sample < 0)
      break;
    std::unique_lock<std::mutex> lock(queue_mutex);
    // A stop request cannot wake this wait: the thread hangs in ~jthread.
    queue_ready.wait(lock, [] { return pending < 64; });
    ++pending;
  }
}

void sample_forever(std::stop_token token, int sensor) {
  for (;;) {
    int sample = read_sample(sensor);
    if (sample >= 0)
      ++pending;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}
