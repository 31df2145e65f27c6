// threadlife/process.hpp (POSIX) - the safe forced kill: work that must be killable runs
// in a child process.
//
// A thread cannot be killed safely: pthread_cancel, TerminateThread and Python's
// PyThreadState_SetAsyncExc stop it wherever it is, with its locks held and its data
// half-written, in the one address space everything else shares. A process can: the
// kernel frees everything it held, and the parent's memory was never its to corrupt.
// When work cannot be made cooperative (a third-party call that ignores every stop
// token, a parser that may loop forever on hostile input), run it here:
//
//   // once, at namespace scope: the task, known by name in parent and child alike
//   std::string parse(std::string_view input) { return untrusted_parser(input); }
//   THREADLIFE_PROCESS_TASK("parse", parse);
//
//   int main(int argc, char** argv) {
//     threadlife::process_main();          // in a child: runs its task, then exits
//     ...
//     threadlife::process_options options;
//     options.timeout = 2s;
//     auto r = threadlife::run_in_process("parse", document, token, options);
//     if (r.outcome == threadlife::process_outcome::completed) use(r.output);
//   }
//
// The child is spawned, never forked: posix_spawn of this same program (as Python's
// multiprocessing "spawn" start method re-runs the interpreter), which runs main() again
// up to process_main(). A bare fork() of a multi-threaded parent copies locks held by
// threads that do not exist in the child; spawn starts from a clean exec.
//
// The input goes to the child's standard input; the result comes back over its own pipe
// (the child's standard output and error stay the parent's). A stop request or the
// timeout sends SIGTERM, then SIGKILL after `grace`. The child is always reaped, on every
// path out of the call, exceptions included.
//
// run_command() does the same for any program: input on its stdin, result from stdout.
//
// Not for: work that can check a stop token (a thread is far cheaper, see jthread.hpp);
// work whose side effects must not be cut off midway (a killed child may leave a
// half-written file; only its memory is safe by construction).
#ifndef THREADLIFE_PROCESS_HPP
#define THREADLIFE_PROCESS_HPP

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <threadlife/detail/waker.hpp>

namespace threadlife {

/// A task a child process runs: input bytes in, result bytes out. An exception it throws
/// becomes the outcome `failed` in the parent, with its what() as `error`.
using process_task = std::string (*)(std::string_view input);

/// Registers `task` under `name` in this program; the child finds it by name. Meant for
/// static initialization (THREADLIFE_PROCESS_TASK), so that the re-executed program
/// knows it before main() runs. Returns false if the name was taken.
bool register_process_task(std::string name, process_task task);

#define THREADLIFE_PROCESS_TASK(name, function)                   \
  static const bool threadlife_process_task_registered_##function \
      [[maybe_unused]] = ::threadlife::register_process_task(name, function)

/// Call first thing in main(). In a child started by run_in_process(), runs the task,
/// sends its result and ends the process through exit() (so atexit handlers, daemon
/// shutdown and the leak report run as in any program); elsewhere returns at once.
void process_main();

/// How a child ended.
enum class process_outcome {
  completed,  ///< exited with status 0; `output` holds the result
  failed,     ///< the task threw, the command exited non-zero, or a signal killed it
  stopped,    ///< killed because a stop was requested on the token
  timed_out,  ///< killed because `timeout` passed
};

struct process_options {
  /// Kill after this long; the default never.
  std::chrono::milliseconds timeout = std::chrono::milliseconds::max();
  /// Between SIGTERM and SIGKILL: the child's chance to clean up.
  std::chrono::milliseconds grace{1000};
  /// Added to the child's environment, as "NAME=value".
  std::vector<std::string> environment;
};

struct process_result {
  process_outcome outcome = process_outcome::failed;
  /// The task's result, or the command's standard output (what arrived, when killed).
  std::string output;
  /// Why it failed, in words: the task's exception message, "exit status 3", ...
  std::string error;
  int exit_status = -1;  ///< when it exited; else -1
  int signal = 0;        ///< the signal that ended it, if one did (SIGKILL after grace)
};

namespace detail {

// The spawning, feeding, reading, killing and reaping, compiled once; the stop arrives as
// a signal on `stop`.
process_result run_child(bool is_task, const std::vector<std::string>& what,
                         std::string_view input, waker& stop, const process_options& options);

}  // namespace detail
}  // namespace threadlife

// The compiled part of the library is built once for every stop-token choice, so it must
// see nothing that depends on one: THREADLIFE_COMPILED_PART, defined for it alone, hides
// the rest of this header.
#if !defined(THREADLIFE_COMPILED_PART)

#include <threadlife/stop_token.hpp>

namespace threadlife {
namespace detail {

struct process_stopper {
  waker* w;
  void operator()() const noexcept { w->signal(); }
};

inline process_result run_stoppable(bool is_task, const std::vector<std::string>& what,
                                    std::string_view input, const stop_token& token,
                                    const process_options& options) {
  if (token.stop_requested()) {
    process_result r;
    r.outcome = process_outcome::stopped;
    r.error = "stop requested before the start";
    return r;
  }
  waker stop;
  stop_callback<process_stopper> on_stop(token, process_stopper{&stop});
  return run_child(is_task, what, input, stop, options);
}

}  // namespace detail

/// Runs the registered task `task` on `input` in a child process of this program; see
/// above. Throws std::system_error if the child cannot be started.
inline process_result run_in_process(std::string_view task, std::string_view input,
                                     const stop_token& token,
                                     const process_options& options = {}) {
  return detail::run_stoppable(true, {std::string(task)}, input, token, options);
}

/// Runs the program `argv[0]` (looked up in PATH if it has no slash) with `argv`, `input`
/// on its standard input, and returns its standard output. Throws std::system_error if it
/// cannot be started (ENOENT for a missing program).
inline process_result run_command(const std::vector<std::string>& argv, std::string_view input,
                                  const stop_token& token, const process_options& options = {}) {
  return detail::run_stoppable(false, argv, input, token, options);
}

}  // namespace threadlife

#endif  // !THREADLIFE_COMPILED_PART

#endif
