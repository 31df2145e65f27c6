// Provenance: RI-SE/ATOS https://github.com/RI-SE/ATOS/pull/557 ("Feature no pthread cancel") - object_control crashed with "FATAL: exception not rethrown" after pthread_cancel'ing a C++ listener thread blocked in select(): the forced unwind was swallowed on its way up (and could leave the rclcpp logging mutex held). Replaced by an interruption pipe the select() also watches, then join
#include <pthread.h>
#include <sys/select.h>
#include <thread>
#include <unistd.h>

void handleMessage(int fd);
void logError();

class ObjectConnection {
public:
  explicit ObjectConnection(int sock) : socket_(sock) {
    listener_ = std::thread(&ObjectConnection::listen, this);
  }
  ~ObjectConnection() {
    if (listener_.joinable())
      stop();
  }
  void stop() {
    pthread_cancel(listener_.native_handle()); // expect: forced-kill
    listener_.join();
  }

private:
  void listen() {
    for (;;) {
      try {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(socket_, &fds);
        select(socket_ + 1, &fds, nullptr, nullptr, nullptr); // cancellation point
        handleMessage(socket_);
      } catch (...) { // swallows the cancellation unwind: std::terminate
        logError();
      }
    }
  }
  int socket_;
  std::thread listener_;
};

// The fix: select() also waits on a pipe that interruptSocket() writes to.
class ObjectConnectionFixed {
public:
  explicit ObjectConnectionFixed(int sock) : socket_(sock) {
    if (pipe(interruptionPipeFds_) != 0)
      interruptionPipeFds_[0] = interruptionPipeFds_[1] = -1;
    listener_ = std::thread(&ObjectConnectionFixed::listen, this);
  }
  ~ObjectConnectionFixed() {
    if (listener_.joinable())
      stop();
  }
  void stop() {
    int i = 1;
    (void)!write(interruptionPipeFds_[1], &i, sizeof(i));
    listener_.join();
    close(interruptionPipeFds_[0]);
    close(interruptionPipeFds_[1]);
  }

private:
  void listen() {
    for (;;) {
      try {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(socket_, &fds);
        FD_SET(interruptionPipeFds_[0], &fds);
        int maxfd = socket_ > interruptionPipeFds_[0] ? socket_ : interruptionPipeFds_[0];
        if (select(maxfd + 1, &fds, nullptr, nullptr, nullptr) < 0)
          return;
        if (FD_ISSET(interruptionPipeFds_[0], &fds))
          return;
        handleMessage(socket_);
      } catch (...) {
        logError();
      }
    }
  }
  int socket_;
  int interruptionPipeFds_[2];
  std::thread listener_;
};
