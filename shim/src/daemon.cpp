// The process-wide daemon registry and the exit-time shutdown. Token-independent: it
// handles daemons through detail::daemon_entry.
#include <threadlife/daemon.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>

#include <unistd.h>

#include "exit_order.hpp"

namespace threadlife {
namespace detail {
namespace {

using clock = std::chrono::steady_clock;

struct registry {
  std::mutex mutex;
  std::vector<std::unique_ptr<daemon_entry>> daemons;
  bool exiting = false;
  bool exit_hooked = false;
};

// Never destroyed: a daemon may finish, and the exit handler run, after every static
// object is gone.
registry& the_registry() {
  static registry* const instance = new registry;
  return *instance;
}

std::atomic<long long> exit_timeout_ms{1000};
std::atomic<bool> exit_shutdown_done{false};

void write_stderr(const std::string& text) noexcept {
  // write(2), not stdio: at exit the streams may be closing.
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(2, p, left);
    if (n <= 0) return;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

// With the registry locked: joins the daemons that have already finished, so that a
// program starting short-lived daemons does not pile up finished threads.
void reap_finished(registry& r) {
  const clock::time_point now = clock::now();
  const std::thread::id self = std::this_thread::get_id();  // a daemon starting another
  auto& ds = r.daemons;
  for (std::size_t i = 0; i < ds.size();) {
    if (ds[i]->id() != self && ds[i]->join_until(now)) {
      ds[i] = std::move(ds.back());
      ds.pop_back();
    } else {
      ++i;
    }
  }
}

}  // namespace

bool add_daemon(std::unique_ptr<daemon_entry> entry) {
  registry& r = the_registry();
  std::unique_lock<std::mutex> lock(r.mutex);
  if (r.exiting) {
    lock.unlock();
    entry->request_stop();
    entry->join_until(clock::now() + std::chrono::milliseconds(exit_timeout_ms.load()));
    entry->detach();
    return false;
  }
  reap_finished(r);
  r.daemons.push_back(std::move(entry));
  if (!r.exit_hooked) {
    r.exit_hooked = true;
    std::atexit([] { shutdown_daemons_at_exit(); });
  }
  return true;
}

std::vector<std::string> shutdown_daemons(clock::time_point deadline) {
  registry& r = the_registry();
  std::vector<std::string> stragglers;
  // Daemons may start daemons while we wait: take turns until the registry stays empty.
  for (;;) {
    std::vector<std::unique_ptr<daemon_entry>> batch;
    {
      std::lock_guard<std::mutex> lock(r.mutex);
      batch.swap(r.daemons);
    }
    if (batch.empty()) break;
    for (auto& d : batch) d->request_stop();
    for (auto& d : batch) {
      // A daemon that called exit() (or shutdown()) is running this very code.
      const bool self = d->id() == std::this_thread::get_id();
      if (self || !d->join_until(deadline)) {
        if (!self) stragglers.push_back(d->name());
        d->detach();
      }
    }
  }
  return stragglers;
}

std::vector<std::string> daemon_names() {
  registry& r = the_registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  reap_finished(r);
  std::vector<std::string> names;
  for (const auto& d : r.daemons) names.push_back(d->name());
  return names;
}

void report_daemon_exception(const std::string& name, std::exception_ptr error) noexcept {
  std::string what = "an exception that is not a std::exception";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  try {
    write_stderr("threadlife: daemon \"" + name + "\" ended by an exception: " + what + "\n");
  } catch (...) {
  }
}

void shutdown_daemons_at_exit() noexcept {
  if (exit_shutdown_done.exchange(true)) return;
  registry& r = the_registry();
  {
    std::lock_guard<std::mutex> lock(r.mutex);
    r.exiting = true;
  }
  const auto timeout = std::chrono::milliseconds(exit_timeout_ms.load());
  try {
    for (const std::string& name : shutdown_daemons(clock::now() + timeout)) {
      write_stderr("threadlife: daemon \"" + name + "\" did not stop within " +
                   std::to_string(timeout.count()) + " ms of exit; left running\n");
    }
  } catch (...) {
    // Out of memory at exit: nothing better to do than to let the exit go on.
  }
}

}  // namespace detail

void set_exit_timeout(std::chrono::milliseconds timeout) noexcept {
  detail::exit_timeout_ms.store(timeout.count() < 0 ? 0 : timeout.count());
}

}  // namespace threadlife
