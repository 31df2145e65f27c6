// The parts of Poco::Thread (Poco/Thread.h, Poco/Runnable.h) that the tests
// use. Destroying a Poco::Thread that still runs detaches it.
#pragma clang system_header
#include <string>
namespace Poco {
class Runnable {
public:
  virtual ~Runnable();
  virtual void run() = 0;
};
class Thread {
public:
  typedef void (*Callable)(void *);
  Thread();
  explicit Thread(const std::string &name);
  ~Thread();
  void start(Runnable &target);
  void start(Callable target, void *data = 0);
  template <class Functor> void startFunc(Functor &&fn);
  void join();
  void join(long milliseconds);
  bool tryJoin(long milliseconds);
  bool isRunning() const;
  void setName(const std::string &name);
  std::string getName() const;
  int id() const;
  void wakeUp();
  static void sleep(long milliseconds);
  static Thread *current();
};
} // namespace Poco
