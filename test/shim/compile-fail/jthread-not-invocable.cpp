// A callable that takes neither the arguments given nor a stop_token and them.
// expected-error: jthread: the callable cannot be called with these arguments
#include <threadlife/jthread.hpp>

int main() {
  auto wants_int = [](int) {};
#ifdef THREADLIFE_COMPILE_FAIL_CONTROL
  threadlife::jthread t(wants_int, 1);
#else
  threadlife::jthread t(wants_int, "one");
#endif
}
