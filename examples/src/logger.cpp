#include "logger.h"

#include <chrono>
#include <cstdio>

Logger::Logger(std::string path) : path_(std::move(path)) {
  writer_ = std::thread([this] { run(); });
}

Logger::~Logger() {
  stop();
  if (writer_.joinable())
    writer_.join();
}

void Logger::log(std::string line) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(std::move(line));
  }
  ready_.notify_one();
}

void Logger::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
}

void Logger::run() {
  std::FILE *out = std::fopen(path_.c_str(), "a");
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_ || !lines_.empty()) {
    ready_.wait(lock, [this] { return stopping_ || !lines_.empty(); });
    while (!lines_.empty()) {
      if (out)
        std::fputs(lines_.front().c_str(), out);
      lines_.pop_front();
    }
  }
  if (out)
    std::fclose(out);
}

void Heartbeat::start() {
  worker_ = std::thread(&Heartbeat::beat, this);
}

void Heartbeat::beat() {
  unsigned beats = 0;
  while (running_) {
    ++beats;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}
