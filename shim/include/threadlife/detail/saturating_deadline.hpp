// threadlife/detail/saturating_deadline.hpp - "now + d" that cannot overflow.
//
// `steady_clock::now() + d` overflows for durations near duration::max() (a common way to
// say "forever"), and the wrapped result lies in the past: a wait that should never time
// out returns at once. Early standard-library wait_for implementations had exactly this
// bug. Clamping to time_point::max() keeps "forever" meaning forever.
#ifndef THREADLIFE_DETAIL_SATURATING_DEADLINE_HPP
#define THREADLIFE_DETAIL_SATURATING_DEADLINE_HPP

#include <chrono>

namespace threadlife::detail {

template <class Rep, class Period>
std::chrono::steady_clock::time_point deadline_after(
    const std::chrono::duration<Rep, Period>& d) {
  using clock = std::chrono::steady_clock;
  const clock::time_point now = clock::now();
  if (d <= d.zero()) return now;
  // Compare in long double so that neither side overflows when converted.
  using wide = std::chrono::duration<long double, std::nano>;
  const wide room = std::chrono::duration_cast<wide>(clock::time_point::max() - now);
  if (std::chrono::duration_cast<wide>(d) >= room) return clock::time_point::max();
  return now + std::chrono::ceil<clock::duration>(d);
}

}  // namespace threadlife::detail

#endif
