// Provenance: couchbase/couchbase-cxx-client d39de914e2584cee534862901b724ede49c32c34 (PR #1083, CXXCBC-988) - integration_test_guard's constructor started the io threads and then opened the cluster, which throws when the cluster is unreachable; the destructor (stop + join) never ran and destroying the joinable io_threads called std::terminate
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

struct IoContext {
  void run();
  void stop();
};
struct Cluster {
  int open(); // error code
  void close();
};

inline void openCluster(Cluster &cluster) {
  if (int rc = cluster.open())
    throw std::system_error(rc, std::generic_category());
}

class IntegrationTestGuard {
public:
  explicit IntegrationTestGuard(std::size_t n) {
    for (std::size_t i = 0; i < n; i++)
      ioThreads.emplace_back([this] { io.run(); });
    openCluster(cluster);
  }
  ~IntegrationTestGuard() {
    cluster.close();
    io.stop();
    for (auto &thread : ioThreads)
      thread.join();
  }

private:
  IoContext io;
  std::vector<std::thread> ioThreads; // expect: unjoined-thread
  Cluster cluster;
};

class IntegrationTestGuardFixed {
public:
  explicit IntegrationTestGuardFixed(std::size_t n) {
    try {
      for (std::size_t i = 0; i < n; i++)
        ioThreads.emplace_back([this] { io.run(); }); // std::thread can throw too
      openCluster(cluster);
    } catch (...) {
      tearDown();
      throw;
    }
  }
  ~IntegrationTestGuardFixed() {
    cluster.close();
    tearDown();
  }

private:
  void tearDown() {
    io.stop();
    for (auto &thread : ioThreads)
      if (thread.joinable())
        thread.join();
    ioThreads.clear();
  }
  IoContext io;
  std::vector<std::thread> ioThreads;
  Cluster cluster;
};
