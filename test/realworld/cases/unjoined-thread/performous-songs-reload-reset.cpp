// Provenance: performous/performous 318cd274b8583c012fe9dbee015f44dcb40b864a - Songs::reload() replaced the unique_ptr<std::thread> of the previous (finished but never joined) loader, destroying a joinable std::thread
#include <atomic>
#include <memory>
#include <thread>

class Songs {
public:
  Songs() { reload(); }
  ~Songs() {
    loading_ = false;
    thread_->join();
  }
  void reload() {
    if (loading_)
      return;
    loading_ = true;
    thread_.reset(new std::thread([this] { scan(); })); // expect: unjoined-thread
  }

private:
  void scan() {
    // ... walk the song folders while loading_ ...
    loading_ = false; // the loader ends by itself; nobody joins it
  }
  std::atomic<bool> loading_{false};
  std::unique_ptr<std::thread> thread_;
};

class SongsFixed {
public:
  SongsFixed() { reload(); }
  ~SongsFixed() {
    loading_ = false;
    if (thread_ && thread_->joinable())
      thread_->join();
  }
  void reload() {
    if (loading_)
      return;
    loading_ = true;
    if (thread_ && thread_->joinable())
      thread_->join();
    thread_ = std::make_unique<std::thread>([this] { scan(); });
  }

private:
  void scan() { loading_ = false; }
  std::atomic<bool> loading_{false};
  std::unique_ptr<std::thread> thread_;
};
