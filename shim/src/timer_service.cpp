// The timer thread behind deadline_source. Token-independent: it runs std::function<void()>.
#include <threadlife/detail/timer_service.hpp>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include <threadlife/thread_name.hpp>

namespace threadlife::detail {
namespace {

using clock = std::chrono::steady_clock;
using key = std::pair<clock::time_point, std::uint64_t>;

class timer_service {
 public:
  // Never destroyed: the timer thread, and exit handlers, may use it until the very end.
  static timer_service& instance() {
    static timer_service* const service = new timer_service;
    return *service;
  }

  timer_id schedule(clock::time_point when, std::function<void()> action) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!started_) start();
    const timer_id id{when, ++last_seq_};
    const auto placed = timers_.emplace(key(when, id.seq), std::move(action)).first;
    // Only a new earliest entry changes how long the thread must sleep.
    if (placed == timers_.begin()) {
      lock.unlock();
      changed_.notify_one();
    }
    return id;
  }

  void cancel(const timer_id& id) noexcept {
    std::function<void()> dropped;  // destroyed after the lock is released
    std::unique_lock<std::mutex> lock(mutex_);
    const auto found = timers_.find(key(id.when, id.seq));
    if (found != timers_.end()) {
      dropped = std::move(found->second);
      timers_.erase(found);
      return;
    }
    if (std::this_thread::get_id() == thread_id_) return;  // from inside an action
    done_.wait(lock, [&] { return running_ != id.seq; });
  }

  std::size_t pending() noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return timers_.size();
  }

 private:
  timer_service() = default;

  // With mutex_ held.
  void start() {
    std::thread thread([this] { run(); });
    thread_id_ = thread.get_id();
    thread.detach();  // owned by the never-destroyed service; stopped by at_exit()
    started_ = true;
    std::atexit([] { instance().at_exit(); });
  }

  void run() {
    this_thread::set_name("tl-timer");
    std::unique_lock<std::mutex> lock(mutex_);
    while (!closing_) {
      if (timers_.empty()) {
        changed_.wait(lock);
        continue;
      }
      const auto first = timers_.begin();
      // A copy: the wait releases the lock, a cancel() may erase the entry meanwhile, and
      // wait_until reads its time point again after waking.
      const clock::time_point due = first->first.first;
      if (clock::now() < due) {
        changed_.wait_until(lock, due);
        continue;
      }
      std::function<void()> action = std::move(first->second);
      running_ = first->first.second;
      timers_.erase(first);
      lock.unlock();
      action();
      action = nullptr;  // its captures die before cancel() may return
      lock.lock();
      running_ = 0;
      done_.notify_all();
    }
    exited_ = true;
    done_.notify_all();
  }

  void at_exit() noexcept {
    std::unique_lock<std::mutex> lock(mutex_);
    closing_ = true;
    changed_.notify_one();
    // An action in progress may be blocked on something this exiting thread holds: wait
    // a little, never forever.
    done_.wait_for(lock, std::chrono::milliseconds(100), [&] { return exited_; });
  }

  std::mutex mutex_;
  std::condition_variable changed_;  // a new earliest timer, or closing
  std::condition_variable done_;     // an action finished, or the thread exited
  std::map<key, std::function<void()>> timers_;
  std::uint64_t last_seq_ = 0;
  std::uint64_t running_ = 0;
  std::thread::id thread_id_;
  bool started_ = false;
  bool closing_ = false;
  bool exited_ = false;
};

}  // namespace

timer_id schedule_timer(clock::time_point when, std::function<void()> action) {
  return timer_service::instance().schedule(when, std::move(action));
}

void cancel_timer(const timer_id& id) noexcept {
  if (id.seq != 0) timer_service::instance().cancel(id);
}

std::size_t pending_timers() noexcept { return timer_service::instance().pending(); }

}  // namespace threadlife::detail
