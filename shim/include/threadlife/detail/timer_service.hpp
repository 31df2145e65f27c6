// threadlife/detail/timer_service.hpp - one thread that runs actions at given times, for
// every deadline in the process.
//
// A thread per deadline would cost a stack and a kernel task per deadline; 10,000 live
// deadlines would be 10,000 threads. Here they are 10,000 entries in an ordered map and
// one thread, started by the first schedule() and asleep until the earliest entry is due.
//
// Guarantees:
//  - An action runs once, on the timer thread, not before its time.
//  - After cancel() returns, the action is not running and will never run; cancel()
//    called from inside the running action itself returns at once.
//  - At process exit the thread stops taking new actions (an action can no longer fire
//    into static objects being destroyed) and waits a short while for one in progress.
#ifndef THREADLIFE_DETAIL_TIMER_SERVICE_HPP
#define THREADLIFE_DETAIL_TIMER_SERVICE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace threadlife::detail {

struct timer_id {
  std::chrono::steady_clock::time_point when{};
  std::uint64_t seq = 0;  // 0: no timer
};

/// Schedules `action` to run at `when`. Throws std::bad_alloc, or std::system_error if
/// the timer thread cannot be started.
timer_id schedule_timer(std::chrono::steady_clock::time_point when,
                        std::function<void()> action);

/// Cancels the timer; see the guarantees above. Does nothing for a timer that already ran.
void cancel_timer(const timer_id& id) noexcept;

/// How many timers are scheduled and not yet run.
std::size_t pending_timers() noexcept;

}  // namespace threadlife::detail

#endif
