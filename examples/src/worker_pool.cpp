#include "worker_pool.h"

#include <stdexcept>
#include <string>

WorkerPool::WorkerPool(unsigned count, std::function<void()> task) {
  for (unsigned i = 0; i < count; ++i)
    workers_.emplace_back([this, task] {
      while (!stopping_.load())
        task();
    });
}

WorkerPool::~WorkerPool() {
  stopping_ = true;
  for (std::thread &worker : workers_)
    worker.join();
}

int parse_port(const char *text) {
  int port = std::stoi(text);
  if (port <= 0 || port > 65535)
    throw std::invalid_argument("port out of range");
  return port;
}

static void index_files() {}

int serve(const char *port_text) {
  std::thread indexer(index_files);
  // If parse_port throws, indexer is destroyed while joinable: terminate.
  int port = parse_port(port_text);
  if (port == 0)
    return -1; // and this early return leaves it joinable too
  indexer.join();
  return port;
}
