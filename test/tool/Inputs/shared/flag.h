#include <thread>

void work();

class Worker {
public:
  void start() { thread_ = std::thread(&Worker::run, this); }
  void stop() {
    running_ = false;
    thread_.join();
  }

private:
  void run() {
    while (running_)
      work();
  }
  bool running_ = true;
  std::thread thread_;
};
