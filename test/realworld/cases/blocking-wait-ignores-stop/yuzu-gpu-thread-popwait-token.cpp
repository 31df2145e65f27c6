// Provenance: ourfavoritefruits/yuzu 877cd60b00a3f827062fdaff93183b52174ec134 (a mirror of yuzu-emu/yuzu) "gpu: Use std::jthread for async gpu thread" with c2ddda2f5119a7f9dc44d79f340fd7c63a68af7d "threadsafe_queue: Add std::stop_token overload to PopWait" - the GPU thread's loop blocks in the command queue's PopWait(stop_token), which waits on a condition_variable_any with the token: the stop request wakes it (silent case)
// Flags: -std=c++20 -pthread
#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <stop_token>
#include <thread>

struct Command {
  int kind = 0;
};
void executeCommand(const Command &c);

template <typename T> class SPSCQueue {
public:
  void Push(T t) {
    {
      std::lock_guard<std::mutex> lock{m_};
      q_.push(std::move(t));
    }
    cv_.notify_one();
  }
  T PopWait(std::stop_token stop_token) {
    std::unique_lock<std::mutex> lock{m_};
    cv_.wait(lock, stop_token, [this] { return !q_.empty(); });
    if (stop_token.stop_requested() || q_.empty())
      return T{};
    T t = std::move(q_.front());
    q_.pop();
    return t;
  }

private:
  std::mutex m_;
  std::condition_variable_any cv_;
  std::queue<T> q_;
};

static void RunThread(std::stop_token stop_token, SPSCQueue<Command> &queue) {
  while (!stop_token.stop_requested()) {
    Command next = queue.PopWait(stop_token);
    if (stop_token.stop_requested())
      break;
    executeCommand(next);
  }
}

class ThreadManager {
public:
  void StartThread() { thread_ = std::jthread(RunThread, std::ref(queue_)); }
  void Push(Command c) { queue_.Push(c); }

private:
  SPSCQueue<Command> queue_;
  std::jthread thread_;
};
