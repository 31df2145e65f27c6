// Child processes for run_in_process / run_command: spawn, feed, read, kill, reap.
// Token-independent: the stop request arrives as a readable waker.
#include <threadlife/process.hpp>
#include <threadlife/detail/saturating_deadline.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

extern char** environ;

namespace threadlife {
namespace {

using clock = std::chrono::steady_clock;

// "<fd>:<task name>" in a child started by run_in_process.
constexpr const char* task_variable = "THREADLIFE_PROCESS_TASK";
// The child's end of the result pipe.
constexpr int child_result_fd = 3;

struct task_table {
  std::mutex mutex;
  std::map<std::string, process_task, std::less<>> tasks;
};

task_table& tasks() {
  static task_table* const instance = new task_table;  // used during static init and exit
  return *instance;
}

[[noreturn]] void throw_errno(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

struct fd_guard {
  int fd = -1;
  fd_guard() = default;
  explicit fd_guard(int f) : fd(f) {}
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  ~fd_guard() { reset(); }
  void reset() noexcept {
    if (fd != -1) ::close(fd);
    fd = -1;
  }
};

void make_pipe(fd_guard& read_end, fd_guard& write_end) {
  int fds[2];
#if defined(__linux__)
  if (::pipe2(fds, O_CLOEXEC) == -1) throw_errno("threadlife: pipe");
#else
  if (::pipe(fds) == -1) throw_errno("threadlife: pipe");
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
#endif
  read_end.fd = fds[0];
  write_end.fd = fds[1];
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

void write_fully(int fd, const char* data, std::size_t size) noexcept {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n == -1 && errno == EINTR) continue;
    if (n <= 0) return;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

// Writes to a pipe whose reader may be gone without raising SIGPIPE in the parent: the
// signal is blocked on this thread for the write and a pending one is consumed.
ssize_t write_no_sigpipe(int fd, const char* data, std::size_t size) noexcept {
  sigset_t pipe_only, old;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  ::pthread_sigmask(SIG_BLOCK, &pipe_only, &old);
  ssize_t n;
  do {
    n = ::write(fd, data, size);
  } while (n == -1 && errno == EINTR);
  if (n == -1 && errno == EPIPE) {
    const int saved = errno;
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE) == 1) {
      int consumed;
      ::sigwait(&pipe_only, &consumed);
    }
    errno = saved;
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return n;
}

// The child: spawned, and until reaped, killed and reaped by the destructor on any early
// way out, so that no path leaves a zombie or a runaway.
class child {
 public:
  child(const std::vector<std::string>& argv, const std::vector<std::string>& env, int stdin_fd,
        int result_fd, int result_target, bool search_path) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attributes);
    // Both originals are close-on-exec; the duplicates are what the child keeps.
    ::posix_spawn_file_actions_adddup2(&actions, stdin_fd, 0);
    ::posix_spawn_file_actions_adddup2(&actions, result_fd, result_target);
    // The parent may block or ignore signals (a server ignores SIGPIPE); the child starts
    // with defaults, so that SIGTERM ends it.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    ::posix_spawnattr_setsigmask(&attributes, &none);
    ::posix_spawnattr_setsigdefault(&attributes, &all);
    ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char*> args, envp;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    const char* path = argv[0].c_str();
#if defined(__linux__)
    if (!search_path) path = "/proc/self/exe";  // this program, even if moved or deleted
#endif
    const int error = search_path
                          ? ::posix_spawnp(&pid_, path, &actions, &attributes, args.data(), envp.data())
                          : ::posix_spawn(&pid_, path, &actions, &attributes, args.data(), envp.data());
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attributes);
    if (error != 0) {
      pid_ = -1;
      throw std::system_error(error, std::generic_category(),
                              "threadlife: cannot start " + argv[0]);
    }
#if defined(__linux__) && defined(SYS_pidfd_open)
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));  // -1: poll by ticks
    if (pidfd_ != -1) ::fcntl(pidfd_, F_SETFD, FD_CLOEXEC);
#endif
  }

  ~child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      int status;
      while (::waitpid(pid_, &status, 0) == -1 && errno == EINTR) {
      }
    }
    if (pidfd_ != -1) ::close(pidfd_);
  }

  child(const child&) = delete;
  child& operator=(const child&) = delete;

  // A descriptor that becomes readable when the child exits, or -1 (then poll by ticks).
  int exit_fd() const noexcept { return pidfd_; }
  pid_t pid() const noexcept { return pid_; }

  // Reaps the child if it has exited; `block` waits for it.
  bool try_reap(bool block) {
    if (reaped_) return true;
    for (;;) {
      const pid_t r = ::waitpid(pid_, &status_, block ? 0 : WNOHANG);
      if (r == pid_) return reaped_ = true;
      if (r == 0) return false;
      if (errno == EINTR) continue;
      // ECHILD: someone else reaped it (a SIGCHLD handler set to SIG_IGN, a waitpid(-1)
      // elsewhere). It is gone either way.
      reaped_ = true;
      status_ = 0;
      lost_status_ = true;
      return true;
    }
  }

  void signal(int sig) noexcept {
    if (!reaped_) ::kill(pid_, sig);
  }

  int status() const noexcept { return status_; }
  bool lost_status() const noexcept { return lost_status_; }

 private:
  pid_t pid_ = -1;
  int pidfd_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  bool lost_status_ = false;
};

std::vector<std::string> child_environment(const std::vector<std::string>& extra,
                                           const std::string& task_entry) {
  std::vector<std::string> env;
  const std::string prefix = std::string(task_variable) + "=";
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    // A task variable inherited from our own parent must not make a command a task.
    if (std::strncmp(*e, prefix.c_str(), prefix.size()) != 0) env.emplace_back(*e);
  }
  for (const std::string& e : extra) env.push_back(e);
  if (!task_entry.empty()) env.push_back(prefix + task_entry);
  return env;
}

std::string describe(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* name = ::strsignal(WTERMSIG(status));
    return "killed by signal " + std::to_string(WTERMSIG(status)) +
           (name != nullptr ? std::string(" (") + name + ")" : std::string());
  }
  return "ended with status " + std::to_string(status);
}

}  // namespace

bool register_process_task(std::string name, process_task task) {
  task_table& t = tasks();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.tasks.emplace(std::move(name), task).second;
}

void process_main() {
  const char* entry = std::getenv(task_variable);
  if (entry == nullptr) return;
  const std::string spec = entry;
  // Whatever this task starts is not a task itself.
  ::unsetenv(task_variable);
  const std::size_t colon = spec.find(':');
  const int fd = colon == std::string::npos ? -1 : std::atoi(spec.substr(0, colon).c_str());
  const std::string name = colon == std::string::npos ? spec : spec.substr(colon + 1);
  if (fd != child_result_fd) return;  // not started by us after all

  std::string input;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(0, buffer, sizeof buffer);
    if (n > 0) {
      input.append(buffer, static_cast<std::size_t>(n));
    } else if (n == -1 && errno == EINTR) {
      continue;
    } else {
      break;
    }
  }

  process_task task = nullptr;
  {
    task_table& t = tasks();
    std::lock_guard<std::mutex> lock(t.mutex);
    const auto found = t.tasks.find(name);
    if (found != t.tasks.end()) task = found->second;
  }
  // One leading byte says what follows: 'R' the result, 'E' an error message.
  std::string reply;
  int status = 0;
  if (task == nullptr) {
    reply = "Eno process task named \"" + name + "\" in this program";
    status = 127;
  } else {
    try {
      reply = "R" + task(input);
    } catch (const std::exception& e) {
      reply = std::string("E") + e.what();
      status = 1;
    } catch (...) {
      reply = "Ean exception that is not a std::exception";
      status = 1;
    }
  }
  write_fully(fd, reply.data(), reply.size());
  ::close(fd);
  std::fflush(nullptr);
  std::exit(status);
}

namespace detail {

process_result run_child(bool is_task, const std::vector<std::string>& what,
                         std::string_view input, waker& stop, const process_options& options) {
  if (what.empty() || what[0].empty()) {
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "threadlife: nothing to run");
  }
  fd_guard in_read, in_write, out_read, out_write;
  make_pipe(in_read, in_write);
  make_pipe(out_read, out_write);

  std::vector<std::string> argv = what;
  std::string task_entry;
  if (is_task) {
    task_entry = std::to_string(child_result_fd) + ":" + what[0];
    argv = {"threadlife-task:" + what[0]};
#if !defined(__linux__)
    throw std::system_error(std::make_error_code(std::errc::function_not_supported),
                            "threadlife: run_in_process needs /proc/self/exe");
#endif
  }
  child c(argv, child_environment(options.environment, task_entry), in_read.fd, out_write.fd,
          is_task ? child_result_fd : 1, !is_task);
  // Our copies of the child's ends: without closing them, EOF never comes.
  in_read.reset();
  out_write.reset();
  set_nonblocking(in_write.fd);
  set_nonblocking(out_read.fd);

  process_result result;
  std::string received;
  std::size_t sent = 0;
  if (input.empty()) in_write.reset();

  const clock::time_point give_up = detail::deadline_after(options.timeout);
  clock::time_point hard_kill_at = clock::time_point::max();
  bool terminating = false;
  bool term_sent = false;
  bool kill_sent = false;
  bool exited = false;

  while (!exited || out_read.fd != -1) {
    const clock::time_point now = clock::now();
    if (!terminating && now >= give_up) {
      terminating = true;
      result.outcome = process_outcome::timed_out;
    }
    if (terminating && !term_sent) {
      c.signal(SIGTERM);
      term_sent = true;
      hard_kill_at = detail::deadline_after(options.grace);
    }
    if (term_sent && !kill_sent && now >= hard_kill_at) {
      c.signal(SIGKILL);  // cannot be caught: the exit follows
      kill_sent = true;
    }
    if (exited) {
      // Dead; read what is left. A grandchild holding the pipe open must not keep us.
      char buffer[65536];
      ssize_t n;
      while ((n = ::read(out_read.fd, buffer, sizeof buffer)) > 0) {
        received.append(buffer, static_cast<std::size_t>(n));
      }
      out_read.reset();
      break;
    }

    pollfd fds[4];
    nfds_t count = 0;
    const int out_i = out_read.fd != -1 ? static_cast<int>(count) : -1;
    if (out_i != -1) fds[count++] = {out_read.fd, POLLIN, 0};
    const int in_i = in_write.fd != -1 ? static_cast<int>(count) : -1;
    if (in_i != -1) fds[count++] = {in_write.fd, POLLOUT, 0};
    const int stop_i = !terminating ? static_cast<int>(count) : -1;
    if (stop_i != -1) fds[count++] = {stop.fd(), POLLIN, 0};
    const int exit_i = c.exit_fd() != -1 ? static_cast<int>(count) : -1;
    if (exit_i != -1) fds[count++] = {c.exit_fd(), POLLIN, 0};

    clock::time_point wake =
        !terminating ? give_up : kill_sent ? clock::time_point::max() : hard_kill_at;
    if (exit_i == -1) wake = std::min(wake, now + std::chrono::milliseconds(5));  // no pidfd
    int timeout_ms = -1;
    if (wake != clock::time_point::max()) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
      timeout_ms = static_cast<int>(std::clamp<long long>(left, 0, 1 << 30));
    }
    const int n = ::poll(fds, count, timeout_ms);
    if (n == -1 && errno != EINTR) throw_errno("threadlife: poll");
    if (n <= 0) {
      if (exit_i == -1) exited = c.try_reap(false);
      continue;
    }
    if (stop_i != -1 && fds[stop_i].revents != 0) {
      terminating = true;
      result.outcome = process_outcome::stopped;
    }
    if (out_i != -1 && fds[out_i].revents != 0) {
      char buffer[65536];
      const ssize_t got = ::read(out_read.fd, buffer, sizeof buffer);
      if (got > 0) {
        received.append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        out_read.reset();  // EOF: the child closed it (or exited)
      }
    }
    if (in_i != -1 && fds[in_i].revents != 0) {
      const ssize_t put = write_no_sigpipe(in_write.fd, input.data() + sent,
                                           std::min<std::size_t>(input.size() - sent, 65536));
      if (put > 0) sent += static_cast<std::size_t>(put);
      if (sent == input.size() || (put == -1 && errno != EAGAIN)) in_write.reset();
    }
    if (exit_i != -1 && fds[exit_i].revents != 0) exited = c.try_reap(false);
    if (out_read.fd == -1 && !exited) {
      // Output closed: the child is exiting. Keep polling its exit (and the stop).
      if (exit_i == -1) exited = c.try_reap(false);
    }
  }
  c.try_reap(true);
  in_write.reset();

  const int status = c.status();
  if (!c.lost_status()) {
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  }
  std::string_view body = received;
  char kind = 0;
  if (is_task && !body.empty()) {
    kind = body.front();
    body.remove_prefix(1);
  }
  if (terminating) {
    result.output = std::string(is_task && kind == 'E' ? std::string_view() : body);
    result.error = (result.outcome == process_outcome::timed_out ? "timed out; " : "stopped; ") +
                   describe(status);
    return result;
  }
  if (is_task && kind == 'E') {
    result.outcome = process_outcome::failed;
    result.error = std::string(body);
    return result;
  }
  result.output = std::string(body);
  const bool clean = c.lost_status() || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
  if (clean && (!is_task || kind == 'R')) {
    result.outcome = process_outcome::completed;
  } else {
    result.outcome = process_outcome::failed;
    result.error = describe(status);
  }
  return result;
}

}  // namespace detail
}  // namespace threadlife
