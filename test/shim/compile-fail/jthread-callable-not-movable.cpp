// A callable whose move constructor is deleted, passed as a temporary: the thread's copy
// cannot be made from it, so the jthread must not compile ([thread.jthread.cons] Mandates).
// expected-error: jthread: the callable cannot be copied or moved into the thread
#include <threadlife/jthread.hpp>

struct unmovable {
  unmovable() = default;
  unmovable(const unmovable&) = default;
  unmovable(unmovable&&) = delete;
  void operator()() const {}
};

int main() {
#ifdef THREADLIFE_COMPILE_FAIL_CONTROL
  unmovable f;
  threadlife::jthread t(f);  // an lvalue is copied: well-formed
#else
  threadlife::jthread t(unmovable{});
#endif
}
