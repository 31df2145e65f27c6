// RUN: %check_threadlife %s threadlife-blocking-wait-ignores-stop %t -- -pthread

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

// Library queues, declared as their headers do.
namespace tbb::detail::d2 {
template <class T> class concurrent_bounded_queue {
public:
  void pop(T &);
  bool try_pop(T &);
  void push(const T &);
  void abort();
};
} // namespace tbb::detail::d2
namespace tbb {
using detail::d2::concurrent_bounded_queue;
}
namespace moodycamel {
template <class T> class BlockingConcurrentQueue {
public:
  template <class U> void wait_dequeue(U &);
  template <class U> bool wait_dequeue_timed(U &, long usecs);
  bool enqueue(const T &);
};
} // namespace moodycamel
namespace boost::concurrent {
template <class T> class sync_queue {
public:
  T pull();
  void push(const T &);
  void close();
};
} // namespace boost::concurrent

void run(int);

// ---- library queues ----

tbb::concurrent_bounded_queue<int> jobs;

void tbbWorker(std::stop_token st) {
  while (!st.stop_requested()) {
    int job;
    jobs.pop(job);
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'tbb::detail::d2::concurrent_bounded_queue::pop' blocks until the queue has an item and a stop request does not wake it, so the stop waits for the next push; call its abort() from a stop callback, or use a threadlife::queue, whose pop(token) and push(token, v) a stop request ends [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
    run(job);
  }
}

void tbbProducer(std::stop_token st) {
  while (!st.stop_requested())
    jobs.push(1);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'tbb::detail::d2::concurrent_bounded_queue::push' blocks while the queue is full and a stop request does not wake it, so the stop waits for the next pop; call its abort() from a stop callback, or use a threadlife::queue, whose pop(token) and push(token, v) a stop request ends [threadlife-blocking-wait-ignores-stop]
  // CHECK-NOTES: :[[@LINE-3]]:11: note: the loop checks for a stop request here
}

moodycamel::BlockingConcurrentQueue<int> items;

void moodycamelWorker(std::stop_token st) {
  while (!st.stop_requested()) {
    int item;
    items.wait_dequeue(item);
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'moodycamel::BlockingConcurrentQueue::wait_dequeue' blocks until the queue has an item and a stop request does not wake it, so the stop waits for the next push; wait in short steps and check for a stop request between them, or use a threadlife::queue, whose pop(token) and push(token, v) a stop request ends [threadlife-blocking-wait-ignores-stop]
    // CHECK-NOTES: :[[@LINE-4]]:11: note: the loop checks for a stop request here
    run(item);
  }
}

// Fine: a timed wait, a try, and a queue the stop closes.
void moodycamelTimed(std::stop_token st) {
  while (!st.stop_requested()) {
    int item;
    if (items.wait_dequeue_timed(item, 10000))
      run(item);
    if (jobs.try_pop(item))
      run(item);
  }
}

boost::concurrent::sync_queue<int> closed_on_stop;

void boostWorker(std::stop_token st) {
  while (!st.stop_requested())
    run(closed_on_stop.pull());
}

void shutdown() { closed_on_stop.close(); }

// Fine: the loop's function registers a stop callback (it aborts the queue).
tbb::concurrent_bounded_queue<int> aborted;

void abortedByCallback(std::stop_token st) {
  std::stop_callback wake(st, [] { aborted.abort(); });
  while (!st.stop_requested()) {
    int job;
    aborted.pop(job);
    run(job);
  }
}

// ---- the project's own queue ----

class BlockingQueue {
public:
  int pop() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return !items_.empty(); });
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'std::condition_variable::wait' waits until the queue has an item and a stop request does not wake it, so the stop waits for the next item; give its wait the stop token (condition_variable_any::wait(lock, token, pred)), or make it a threadlife::queue, whose pop(token) a stop request ends [threadlife-blocking-wait-ignores-stop]
    int item = items_.back();
    items_.pop_back();
    return item;
  }
  void push(int item) {
    std::lock_guard<std::mutex> lock(m_);
    items_.push_back(item);
    cv_.notify_one();
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<int> items_;
};

BlockingQueue tasks;

void ownWorker(std::stop_token st) {
  while (!st.stop_requested())
    run(tasks.pop());
  // CHECK-NOTES: :[[@LINE-1]]:15: note: called from this loop through 'BlockingQueue::pop'
  // CHECK-NOTES: :[[@LINE-3]]:11: note: the loop checks for a stop request here
  while (!st.stop_requested())
    run(tasks.pop());  // reported once, at the wait
}

// A queue with a closed flag in its wait: closing it ends the wait. Not flagged.
class ClosableQueue {
public:
  bool pop(int &out) {
    std::unique_lock<std::mutex> lock(m_);
    while (items_.empty() && !closed_)
      cv_.wait(lock);
    if (items_.empty())
      return false;
    out = items_.back();
    items_.pop_back();
    return true;
  }
  void close();

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<int> items_;
  bool closed_ = false;
};

ClosableQueue closable;

void closableWorker(std::stop_token st) {
  int item;
  while (!st.stop_requested() && closable.pop(item))
    run(item);
}

// The stopper pushes a sentinel after requesting the stop: the pop is woken.
class Pool {
public:
  void stop() {
    source_.request_stop();
    queue_.push(-1);
  }
  void loop(std::stop_token st) {
    while (!st.stop_requested())
      run(queue_.pop());
  }

private:
  std::stop_source source_;
  BlockingQueue queue_;
};

// A destructor feeds the queue (a jthread member's stop is requested there): woken.
class Service {
public:
  ~Service() { queue_.push(-1); }
  void loop(std::stop_token st) {
    while (!st.stop_requested())
      run(queue_.pop());
  }

private:
  BlockingQueue queue_;
};


// Not a queue: a wait for a counter to reach a value (an atomic's load() is its data).
class Fence {
public:
  void wait(unsigned value) {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [&] { return reached_.load() >= value; });
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'std::condition_variable::wait' blocks until notified and a stop request does not wake it, so the stop waits for the next notification; wait with the token: condition_variable_any::wait(lock, token, pred) [threadlife-blocking-wait-ignores-stop]
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  std::atomic<unsigned> reached_{0};
};

Fence fence;

void present(std::stop_token st) {
  unsigned next = 0;
  while (!st.stop_requested())
    fence.wait(++next);
  // CHECK-NOTES: :[[@LINE-1]]:11: note: called from this loop through 'Fence::wait'
  // CHECK-NOTES: :[[@LINE-3]]:11: note: the loop checks for a stop request here
}

// A wait whose predicate asks something else (a method returning bool) may end on
// a flag: not judged.
class Gate {
public:
  void pass() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return isOpen(); });
  }
  bool isOpen() const;

private:
  std::mutex m_;
  std::condition_variable cv_;
};

Gate gate;

void through(std::stop_token st) {
  while (!st.stop_requested())
    gate.pass();
}
