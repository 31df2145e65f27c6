// threadlife/leak_report.hpp - which threads are still running, with their name and the
// place that started them; opt-in, printed at exit.
//
// A thread nobody stops keeps a process from ending cleanly, or ends with it in the
// middle of its work. With THREADLIFE_LEAK_REPORT=1 in the environment, or after
// enable_leak_report(), exit prints every thread started through the shim that is still
// running:
//
//   threadlife: 1 thread still running at exit:
//     "poller" started at src/server.cpp:42 in start_polling
//
// Every threadlife::jthread is listed, under its set_name() name ("jthread" until then).
// Its constructor keeps std::jthread's signature, so it cannot see where it was called
// from: wrap the callable in tracked() to give the name and record the place. tracked()
// also lists a std::thread. Threads of thread_scope and daemon() carry both by themselves.
//
//   threadlife::jthread t(threadlife::tracked("poller", [](threadlife::stop_token st) {...}));
//   threadlife::jthread u(work);  u.set_name("worker");   // "worker", place unknown
//
// The report runs after the exit-time shutdown of daemons, so a daemon that stopped in
// time is not reported and one that did not is.
#ifndef THREADLIFE_LEAK_REPORT_HPP
#define THREADLIFE_LEAK_REPORT_HPP

#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if __has_include(<source_location>) && __cplusplus >= 202002L
#include <source_location>
#endif

namespace threadlife {

/// Where a thread was started: file, line and function of the call, captured by a default
/// argument (std::source_location in C++20; the compiler builtins it is made of in C++17).
/// Line 0 and an empty file: not known.
struct creation_site {
  const char* file = "";
  unsigned line = 0;
  const char* function = "";

#if defined(__cpp_lib_source_location)
  static constexpr creation_site current(
      std::source_location where = std::source_location::current()) noexcept {
    return {where.file_name(), static_cast<unsigned>(where.line()), where.function_name()};
  }
#elif defined(__GNUC__) || defined(__clang__)
  static constexpr creation_site current(const char* file = __builtin_FILE(),
                                         unsigned line = __builtin_LINE(),
                                         const char* function = __builtin_FUNCTION()) noexcept {
    return {file, line, function};
  }
#else
  static constexpr creation_site current() noexcept { return {}; }
#endif
};

/// One listed thread.
struct running_thread {
  std::string name;
  creation_site site;
};

/// The listed threads that have not finished yet, oldest first.
std::vector<running_thread> running_threads();

/// Prints the report at exit, to `fd` (standard error by default). Idempotent; the last
/// fd given wins.
void enable_leak_report(int fd = 2) noexcept;

/// Writes the report for the threads running now; nothing if there are none. Returns how
/// many were listed.
std::size_t write_leak_report(int fd);

namespace detail {

// Compiled once; the handle is opaque.
void* list_thread(std::string name, const creation_site& site);
void rename_listed_thread(void* handle, std::string name);
void unlist_thread(void* handle) noexcept;

// Lists a thread for as long as the object lives; the object moves into the thread with
// its callable, so it dies when the thread's work is done (or never started).
class thread_listing {
 public:
  thread_listing(std::string name, const creation_site& site)
      : handle_(list_thread(std::move(name), site)) {}
  thread_listing(thread_listing&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  thread_listing& operator=(thread_listing&&) = delete;
  ~thread_listing() {
    if (handle_ != nullptr) unlist_thread(handle_);
  }

  // Hands the entry over to a new owner, who unlists it (see jthread).
  void* release() noexcept { return std::exchange(handle_, nullptr); }

 private:
  void* handle_;
};

template <class F>
class tracked_callable {
 public:
  tracked_callable(F f, std::string name, const creation_site& site)
      : listing_(std::move(name), site), f_(std::move(f)) {}

  // Constrained, so that jthread still sees whether f takes a stop_token first.
  template <class... Args>
  auto operator()(Args&&... args) -> decltype(std::invoke(std::declval<F&>(),
                                                          std::forward<Args>(args)...)) {
    return std::invoke(f_, std::forward<Args>(args)...);
  }

  // A jthread adopts the entry: it then lives until the thread's very end and follows
  // set_name(). The callable is no longer listed by itself.
  void* release_listing() noexcept { return listing_.release(); }

 private:
  thread_listing listing_;
  F f_;
};

template <class T>
struct is_tracked_callable : std::false_type {};
template <class F>
struct is_tracked_callable<tracked_callable<F>> : std::true_type {};

}  // namespace detail

/// `f`, wrapped so that the thread running it is listed under `name` until it is done.
template <class F>
detail::tracked_callable<std::decay_t<F>> tracked(std::string name, F&& f,
                                                  creation_site where = creation_site::current()) {
  return detail::tracked_callable<std::decay_t<F>>(std::forward<F>(f), std::move(name), where);
}

}  // namespace threadlife

#endif
