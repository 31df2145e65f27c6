// Provenance: pytorch/tensorpipe 2719d7e0b7f4b566fdeb6929d07fffa543159137 (PR #313) - a non-viable CMA ContextImpl never starts its thread_, but join() (also reached from the destructor) called thread_.join() anyway and threw std::system_error(EINVAL)
#include <memory>
#include <string>
#include <thread>

bool processVmReadvAllowed();

class CmaContext {
public:
  static std::shared_ptr<CmaContext> create() {
    if (!processVmReadvAllowed())
      return std::make_shared<CmaContext>(); // not viable: no thread
    return std::make_shared<CmaContext>("cma-domain");
  }
  CmaContext() : viable_(false) {}
  explicit CmaContext(std::string domain) : viable_(true), domain_(std::move(domain)) {
    thread_ = std::thread(&CmaContext::handleCopyRequests, this);
  }
  ~CmaContext() { join(); }
  void join() {
    if (joined_)
      return;
    joined_ = true;
    thread_.join(); // expect: invalid-join
  }

private:
  void handleCopyRequests();
  bool viable_;
  bool joined_ = false;
  std::string domain_;
  std::thread thread_;
};

class CmaContextFixed {
public:
  CmaContextFixed() : viable_(false) {}
  explicit CmaContextFixed(std::string domain) : viable_(true), domain_(std::move(domain)) {
    thread_ = std::thread(&CmaContextFixed::handleCopyRequests, this);
    threadRunning_ = true;
  }
  ~CmaContextFixed() { join(); }
  void join() {
    if (threadRunning_) {
      thread_.join();
      threadRunning_ = false;
    }
  }

private:
  void handleCopyRequests();
  bool viable_;
  bool threadRunning_ = false;
  std::string domain_;
  std::thread thread_;
};
