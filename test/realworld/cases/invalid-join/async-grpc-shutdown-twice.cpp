// Provenance: cartographer-project/async_grpc 27f3fbbe33c9b73eecb7f465695158b39a16ed6e (PR #56) - CompletionQueueThread::Shutdown() joined worker_thread_ unconditionally, so a second Server::Shutdown() joined every completion-queue thread again and threw std::system_error
#include <functional>
#include <memory>
#include <thread>
#include <vector>

struct CompletionQueue {
  void Shutdown();
  void Run();
};

class CompletionQueueThread {
public:
  void Start() {
    worker_ = std::make_unique<std::thread>([this] { queue_.Run(); });
  }
  void Shutdown() {
    queue_.Shutdown();
    worker_->join(); // expect: invalid-join
  }

private:
  CompletionQueue queue_;
  std::unique_ptr<std::thread> worker_;
};

class Server {
public:
  explicit Server(int n) : threads_(n) {}
  void Start() {
    for (auto &t : threads_)
      t.Start();
  }
  void Shutdown() {
    for (auto &t : threads_)
      t.Shutdown();
  }

private:
  std::vector<CompletionQueueThread> threads_;
};

// Shutdown() can be reached more than once (the case the PR guards against).
void serve(Server &server, bool early) {
  server.Start();
  if (early)
    server.Shutdown();
  server.Shutdown();
}

class CompletionQueueThreadFixed {
public:
  void Start() {
    worker_ = std::make_unique<std::thread>([this] { queue_.Run(); });
  }
  void Shutdown() {
    queue_.Shutdown();
    if (worker_ && worker_->joinable())
      worker_->join();
  }

private:
  CompletionQueue queue_;
  std::unique_ptr<std::thread> worker_;
};

void serveFixed(CompletionQueueThreadFixed &cq, bool early) {
  cq.Start();
  if (early)
    cq.Shutdown();
  cq.Shutdown();
}
