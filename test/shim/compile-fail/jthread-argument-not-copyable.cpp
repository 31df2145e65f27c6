// A move-only argument passed as an lvalue: the thread's copy cannot be made from it, so the
// jthread must not compile ([thread.jthread.cons] Mandates), with the shim's message rather
// than std::thread's internals.
// expected-error: jthread: an argument cannot be copied or moved into the thread
#include <threadlife/jthread.hpp>

#include <memory>
#include <utility>

int main() {
  auto value = std::make_unique<int>(1);
  auto use = [](std::unique_ptr<int> p) { (void)p; };
#ifdef THREADLIFE_COMPILE_FAIL_CONTROL
  threadlife::jthread t(use, std::move(value));
#else
  threadlife::jthread t(use, value);
#endif
}
