// threadlife/detail/stop_state.hpp - the state shared by a stop_source's family.
//
// One heap object per stop_source() call; every associated stop_source, stop_token and
// registered stop_callback holds a reference. It is the only allocation of the own
// implementation.
//
// The guarantees the public types rely on:
//  - request_stop() returns true to exactly one caller, and that caller runs every
//    callback registered before the request, each exactly once, with the lock released
//    while a callback runs (so a callback may register, deregister, or request again).
//  - add_callback() either lists the node (it will run on the requesting thread) or
//    reports that the stop was already requested (the caller runs it inline). Never both.
//  - remove_callback() returns only once the callback cannot run any more and is not
//    running, except when called on the requesting thread while that callback runs (a
//    callback destroying itself, or one callback destroying another that already ran):
//    waiting there would wait for itself.
#ifndef THREADLIFE_DETAIL_STOP_STATE_HPP
#define THREADLIFE_DETAIL_STOP_STATE_HPP

#include <atomic>
#include <cstdint>
#include <thread>

#include <threadlife/detail/callback_list.hpp>
#include <threadlife/detail/stop_state_word.hpp>

namespace threadlife::detail {

class stop_state {
 public:
  stop_state() noexcept = default;
  stop_state(const stop_state&) = delete;
  stop_state& operator=(const stop_state&) = delete;

  // --- lifetime: a plain intrusive count, independent of the source count ---
  void add_ref() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release_ref() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  void add_source() noexcept { word_.add_source(); }
  void remove_source() noexcept { word_.remove_source(); }

  bool stop_requested() const noexcept { return word_.stop_requested(); }
  bool stop_possible() const noexcept { return word_.stop_possible(); }

  bool request_stop() noexcept {
    if (!word_.lock_and_request_stop()) return false;
    requester_ = std::this_thread::get_id();
    stop_callback_node* node = callbacks_.pop_front();
    while (node != nullptr) {
      bool destroyed = false;
      node->destroyed_ = &destroyed;
      word_.unlock();
      node->invoke();
      word_.lock();
      // Marking it done under the lock that we retake anyway for the next node costs a
      // plain store; a destructor that looks under the lock either sees it done or has
      // announced itself in waited_on_.
      completion_flag::address wake = nullptr;
      if (!destroyed) {
        node->destroyed_ = nullptr;
        if (node->waited_on_) wake = node->done_.wake_address();
        node->done_.set();  // From here on the node may be gone.
      }
      if (wake != nullptr) {  // rare: a destructor on another thread is blocked on it
        word_.unlock();
        completion_flag::wake_all(wake);
        word_.lock();
      }
      node = callbacks_.pop_front();
    }
    word_.unlock();
    return true;
  }

  // Returns false if the stop was already requested: the node is not listed then.
  bool add_callback(stop_callback_node* node) noexcept {
    if (!word_.lock_unless_stopped()) return false;
    callbacks_.push_front(node);
    word_.unlock();
    return true;
  }

  // Precondition: add_callback(node) returned true.
  void remove_callback(stop_callback_node* node) noexcept {
    word_.lock();
    if (node->listed()) {
      callbacks_.remove(node);
      word_.unlock();
      return;
    }
    // Taken off by request_stop(): it has run or is running now.
    if (node->done_.is_set()) {
      word_.unlock();
      return;
    }
    if (requester_ == std::this_thread::get_id()) {
      // Callbacks run one at a time on this thread, so the one not yet done is the one
      // running, somewhere up this stack: the callback is destroying its own stop_callback.
      *node->destroyed_ = true;
      word_.unlock();
      return;
    }
    // Most often the callback is about to return (it has just woken this very thread):
    // a short spin saves a sleep and a wake. Only a spin: yielding here would hand the
    // processor away for a whole time slice on a busy machine.
    word_.unlock();
    for (int spin = 0; spin < spin_limit_; ++spin) {
      if (node->done_.is_set()) return;
      cpu_relax();
    }
    word_.lock();
    if (node->done_.is_set()) {
      word_.unlock();
      return;
    }
    node->waited_on_ = true;
    word_.unlock();
    node->done_.wait();
  }

 private:
  static constexpr int spin_limit_ = 256;  // a few microseconds

  stop_state_word word_;
  std::atomic<std::uint32_t> refs_{1};
  callback_list callbacks_;       // guarded by word_'s lock bit
  std::thread::id requester_;     // written once, under the lock, by the winning request
};

}  // namespace threadlife::detail

#endif
