// The parts of Boost.Thread that the tests use.
#pragma clang system_header
#include <chrono>
namespace boost {
class mutex {
public:
  void lock();
  void unlock();
};
template <class M> class unique_lock {
public:
  explicit unique_lock(M &);
};
class condition_variable {
public:
  void wait(unique_lock<mutex> &);
  void notify_all();
};
class thread {
public:
  thread() noexcept;
  template <class F> explicit thread(F f);
  template <class F, class A> thread(F f, A a);
  void join();
  void interrupt();
  void detach();
  bool joinable() const noexcept;
};
class scoped_thread {
public:
  template <class F> explicit scoped_thread(F f);
  void join();
  bool joinable() const noexcept;
};
namespace this_thread {
void interruption_point();
bool interruption_requested() noexcept;
template <class Rep, class Period>
void sleep_for(const std::chrono::duration<Rep, Period> &);
} // namespace this_thread
} // namespace boost
