// RUN: %check_threadlife %s threadlife-unjoined-thread %t -config='{CheckOptions: {threadlife-unjoined-thread.ThreadTypes: "acme::Worker", threadlife-unjoined-thread.SelfJoiningTypes: "acme::ScopedWorker", threadlife-unjoined-thread.CheckExceptionPaths: false}}'

#include <string>

void work();
bool ready();
int parse_port(const std::string &text);

namespace acme {
class Worker {
public:
  template <class F> explicit Worker(F f);
  Worker();
  void join();
  void detach();
  bool joinable() const;
};
class ScopedWorker {
public:
  template <class F> explicit ScopedWorker(F f);
  void join();
};
} // namespace acme

// A project thread type named in ThreadTypes.
void custom() {
  acme::Worker w(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'w' may be destroyed while joinable, which calls std::terminate; join or detach it on every path, or make it a std::jthread [threadlife-unjoined-thread]
  if (!ready())
    return;
  w.join();
}

// A self-joining project type named in SelfJoiningTypes.
void scoped() {
  acme::ScopedWorker w(work);
  if (!ready())
    return;
}

// CheckExceptionPaths is off.
void exception(const std::string &text) {
  acme::Worker w(work);
  parse_port(text);
  w.join();
}
