#pragma once

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

// A fixed set of workers; joins them all on destruction.
class WorkerPool {
public:
  WorkerPool(unsigned count, std::function<void()> task);
  ~WorkerPool();

private:
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
};

// Parses a port number; throws std::invalid_argument on garbage.
int parse_port(const char *text);

// Starts a listener and an indexer, then configures the port.
int serve(const char *port_text);
