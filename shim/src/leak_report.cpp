// The list of running shim threads and the exit-time report. Token-independent.
#include <threadlife/leak_report.hpp>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <list>
#include <mutex>

#include <unistd.h>

#include "exit_order.hpp"

namespace threadlife {
namespace {

struct listed {
  running_thread thread;
  std::list<listed>::iterator self;  // O(1) unlisting
};

struct thread_list {
  std::mutex mutex;
  std::list<listed> threads;
  bool env_checked = false;
};

// Never destroyed: threads unlist themselves at any time, exit included.
thread_list& list() {
  static thread_list* const instance = new thread_list;
  return *instance;
}

std::atomic<int> report_fd{-1};
std::once_flag exit_hook;

void write_all(int fd, const std::string& text) {
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n == -1 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void report_at_exit() {
  // Daemons get their chance to stop first; the ones that did not are leaks.
  detail::shutdown_daemons_at_exit();
  const int fd = report_fd.load();
  if (fd >= 0) write_leak_report(fd);
}

void hook_exit() {
  std::call_once(exit_hook, [] { std::atexit(report_at_exit); });
}

}  // namespace

std::vector<running_thread> running_threads() {
  thread_list& l = list();
  std::lock_guard<std::mutex> lock(l.mutex);
  std::vector<running_thread> result;
  for (const listed& entry : l.threads) result.push_back(entry.thread);
  return result;
}

void enable_leak_report(int fd) noexcept {
  report_fd.store(fd);
  try {
    hook_exit();
  } catch (...) {
  }
}

std::size_t write_leak_report(int fd) {
  const std::vector<running_thread> threads = running_threads();
  if (threads.empty()) return 0;
  std::string text = "threadlife: " + std::to_string(threads.size()) +
                     (threads.size() == 1 ? " thread" : " threads") + " still running at exit:\n";
  for (const running_thread& t : threads) {
    if (t.site.line == 0) {
      text += "  \"" + t.name + "\" started at an unknown place\n";
      continue;
    }
    text += "  \"" + t.name + "\" started at " + t.site.file + ":" + std::to_string(t.site.line);
    if (t.site.function != nullptr && *t.site.function != '\0') {
      text += " in ";
      text += t.site.function;
    }
    text += "\n";
  }
  write_all(fd, text);
  return threads.size();
}

namespace detail {

void* list_thread(std::string name, const creation_site& site) {
  thread_list& l = list();
  bool check_env = false;
  void* handle;
  {
    std::lock_guard<std::mutex> lock(l.mutex);
    check_env = !std::exchange(l.env_checked, true);
    l.threads.push_back(listed{running_thread{std::move(name), site}, {}});
    l.threads.back().self = std::prev(l.threads.end());
    handle = &l.threads.back();
  }
  if (check_env) {
    const char* env = std::getenv("THREADLIFE_LEAK_REPORT");
    if (env != nullptr && *env != '\0' && std::strcmp(env, "0") != 0) enable_leak_report(2);
  }
  return handle;
}

void rename_listed_thread(void* handle, std::string name) {
  thread_list& l = list();
  std::lock_guard<std::mutex> lock(l.mutex);
  static_cast<listed*>(handle)->thread.name = std::move(name);
}

void unlist_thread(void* handle) noexcept {
  thread_list& l = list();
  std::lock_guard<std::mutex> lock(l.mutex);
  l.threads.erase(static_cast<listed*>(handle)->self);
}

}  // namespace detail
}  // namespace threadlife
