// RUN: %check_threadlife %s threadlife-blocking-wait-ignores-stop %t -config='{CheckOptions: {threadlife-blocking-wait-ignores-stop.MaxSleep: 20, threadlife-blocking-wait-ignores-stop.BlockingFunctions: "::Queue::pop;net::receive"}}' -- -pthread

#include <chrono>
#include <stop_token>
#include <thread>

struct Queue {
  int pop();
};
namespace net {
int receive(int fd);
}

void tightBudget(std::stop_token st, Queue &q) {
  while (!st.stop_requested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::this_thread::sleep_for' sleeps 50 ms and a stop request does not wake it
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.pop();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Queue::pop' blocks and a stop request does not wake it, so the thread ignores the stop until it returns; give it the stop token [threadlife-blocking-wait-ignores-stop]
    net::receive(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'net::receive' blocks and a stop request does not wake it
  }
}
