#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

// Writes log lines on a background thread.
class Logger {
public:
  explicit Logger(std::string path);
  ~Logger();
  void log(std::string line);
  void stop();

private:
  void run();

  std::string path_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> lines_;
  bool stopping_ = false; // written and read under mutex_: fine
  std::thread writer_;
};

// Counts heartbeats; its thread is never joined.
class Heartbeat {
public:
  void start();

private:
  void beat();

  bool running_ = true; // polled by beat(), cleared by stop(): a data race
  std::thread worker_;

public:
  void stop() { running_ = false; }
};
