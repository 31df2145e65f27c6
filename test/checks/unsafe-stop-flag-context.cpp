// RUN: %check_threadlife %s threadlife-unsafe-stop-flag %t -- -std=c++17 -pthread

// A std::thread given its state as an argument of the callable: the fields
// reached through that pointer or reference are the thread's shared state.

#include <functional>
#include <thread>

void work();

struct Settings {
  bool stop = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'stop' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
  int rounds = 0;
};

void poll(Settings *s) {
  while (!s->stop)
    work();
}

void byReference(Settings &s) {
  // A counter compared with a bound is not a stop flag.
  for (int i = 0; i < s.rounds; ++i)
    work();
}

void run() {
  Settings settings;
  std::thread a(poll, &settings);
  std::thread b(byReference, std::ref(settings));
  settings.stop = true;
  a.join();
  b.join();
}

// A lambda given a shared_ptr to state its owner keeps too: the fields
// reached through the captured copy are the owner's, written by quit().
#include <memory>
#include <mutex>

struct Shared {
  std::mutex mutex;
  bool quit = false;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: stop flag 'quit' is polled by a thread's loop and written by another thread without synchronization: a data race, and the compiler may read it once and loop forever; make it std::atomic<bool> [threadlife-unsafe-stop-flag]
};

class Handler {
public:
  Handler() : data_(std::make_shared<Shared>()) {
    std::shared_ptr<Shared> data = data_;
    worker_ = std::thread([data] {
      while (!data->quit) // read without the mutex
        work();
    });
  }
  ~Handler() {
    {
      std::lock_guard<std::mutex> lock(data_->mutex);
      data_->quit = true;
    }
    worker_.join();
  }

private:
  std::shared_ptr<Shared> data_;
  std::thread worker_;
};

// Read and written under the state's mutex: synchronized.
struct SharedLocked {
  std::mutex mutex;
  bool quit = false;
};

bool quitRequested(SharedLocked &s) {
  std::lock_guard<std::mutex> lock(s.mutex);
  return s.quit;
}

class HandlerLocked {
public:
  HandlerLocked() : data_(std::make_shared<SharedLocked>()) {
    std::shared_ptr<SharedLocked> data = data_;
    worker_ = std::thread([data] {
      for (;;) {
        {
          std::lock_guard<std::mutex> lock(data->mutex);
          if (data->quit)
            break;
        }
        work();
      }
    });
  }
  ~HandlerLocked() {
    {
      std::lock_guard<std::mutex> lock(data_->mutex);
      data_->quit = true;
    }
    worker_.join();
  }

private:
  std::shared_ptr<SharedLocked> data_;
  std::thread worker_;
};

// A flag of a peer reached through a link of the same class: which object
// the loop reads is not known, so nothing is said.
struct Peer {
  Peer *next = nullptr;
  bool stop = false;
  void loop() {
    while (!next->stop)
      work();
  }
  void halt() { stop = true; }
};

void peers(Peer &a, Peer &b) {
  a.next = &b;
  std::thread t(&Peer::loop, &a);
  b.halt();
  t.join();
}
