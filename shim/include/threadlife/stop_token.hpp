// threadlife/stop_token.hpp - cooperative cancellation: stop_token, stop_source,
// stop_callback, nostopstate.
//
// The standard's types when the library has them (C++20 <stop_token>); otherwise, or when
// THREADLIFE_OWN_STOP_TOKEN is defined, the shim's own implementation with the same
// semantics ([thread.stoptoken]). Code written against threadlife::stop_token is the same
// code in both cases.
//
//   threadlife::stop_source source;
//   threadlife::stop_token token = source.get_token();
//   threadlife::stop_callback wake(token, [&] { queue.close(); });   // runs on request
//   source.request_stop();   // true once; runs `wake` on this thread
//
// The own implementation keeps one atomic word per stop state (stop bit, lock bit, source
// count) and an intrusive list of callbacks; it allocates only the stop state.
#ifndef THREADLIFE_STOP_TOKEN_HPP
#define THREADLIFE_STOP_TOKEN_HPP

#include <threadlife/detail/config.hpp>

#if THREADLIFE_STD_STOP_TOKEN

#include <stop_token>

namespace threadlife {
using std::nostopstate;
using std::nostopstate_t;
using std::stop_callback;
using std::stop_source;
using std::stop_token;
}  // namespace threadlife

#else

#include <threadlife/detail/own_stop_token.hpp>

#endif

#endif
