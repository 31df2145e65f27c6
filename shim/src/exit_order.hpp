// What runs at exit, and in which order: daemons are stopped and joined first, then the
// leak report lists what is left. Internal to the compiled library.
#ifndef THREADLIFE_SRC_EXIT_ORDER_HPP
#define THREADLIFE_SRC_EXIT_ORDER_HPP

namespace threadlife::detail {

// Stops and joins every daemon with the exit timeout and reports the ones that did not
// finish. Runs once; later calls do nothing.
void shutdown_daemons_at_exit() noexcept;

}  // namespace threadlife::detail

#endif
