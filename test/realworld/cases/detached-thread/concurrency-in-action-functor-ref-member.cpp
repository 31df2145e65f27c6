// Provenance: abdulla-ashurov/concurency-in-action src/listing_2.1.cpp - the C++ Concurrency in Action listing 2.1 (copied in many study repositories): a functor holding an int& to the caller's local is run on a thread that is detached, and the caller returns while the thread still dereferences it
#include <cstddef>
#include <thread>

void doSomething(int value);

struct Worker {
  int &state;
  explicit Worker(int &s) : state(s) {}
  void operator()() {
    for (std::size_t j = 0; j < 1000000; ++j)
      doSomething(state); // reads the caller's frame
  }
};

void oops() {
  int someLocalState = 0;
  Worker worker(someLocalState);
  std::thread myThread(worker);
  myThread.detach(); // expect: detached-thread
}

struct WorkerFixed {
  int state; // a copy the thread owns
  explicit WorkerFixed(int s) : state(s) {}
  void operator()() {
    for (std::size_t j = 0; j < 1000000; ++j)
      doSomething(state);
  }
};

void oopsFixed() {
  int someLocalState = 0;
  WorkerFixed worker(someLocalState);
  std::thread myThread(worker);
  myThread.detach();
}
