// run_in_process / run_command: results, failures, stops and timeouts (SIGTERM, then
// SIGKILL), big inputs and outputs, reaping on every path; and, in children, the
// exit-time behaviour of daemons and of the leak report.
//
// The children are this test binary, re-executed: main() below calls process_main()
// first, as a program using run_in_process must.
#include <threadlife/daemon.hpp>
#include <threadlife/deadline.hpp>
#include <threadlife/leak_report.hpp>
#include <threadlife/process.hpp>
#include <threadlife/wait.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tl = threadlife;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

// ---- the tasks, run in children ----

std::string upper(std::string_view input) {
  std::string out(input);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
THREADLIFE_PROCESS_TASK("upper", upper);

std::string fail(std::string_view input) { throw std::runtime_error("bad input: " + std::string(input)); }
THREADLIFE_PROCESS_TASK("fail", fail);

std::string hang(std::string_view) {
  for (;;) ::pause();
}
THREADLIFE_PROCESS_TASK("hang", hang);

// Ignores SIGTERM, like code stuck where no cleanup can run: only SIGKILL ends it. Creates
// the file named by the input once SIGTERM is ignored: a SIGTERM that came earlier, while
// a slow (sanitized, loaded) child was still starting, would end it.
std::string hang_hard(std::string_view ready_path) {
  std::signal(SIGTERM, SIG_IGN);
  const int fd = ::open(std::string(ready_path).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd != -1) ::close(fd);
  for (;;) ::pause();
}
THREADLIFE_PROCESS_TASK("hang_hard", hang_hard);

std::string crash(std::string_view) {
  std::signal(SIGSEGV, SIG_DFL);
  ::raise(SIGSEGV);
  return "unreachable";
}
THREADLIFE_PROCESS_TASK("crash", crash);

// Returns a checksum of the input and `input.size()` bytes: both directions at once.
std::string echo_size(std::string_view input) {
  unsigned long sum = 0;
  for (char c : input) sum = sum * 31 + static_cast<unsigned char>(c);
  return std::to_string(sum) + ":" + std::string(input.size(), 'z');
}
THREADLIFE_PROCESS_TASK("echo_size", echo_size);

// Standard error goes to the file named by the input, then: one daemon that cleans up
// when stopped, one that never stops. The task returns; exit() does the rest.
std::string daemons_at_exit(std::string_view path) {
  const int fd = ::open(std::string(path).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 2);
  ::close(fd);
  // Long enough for "cleaner" to wake and finish on a loaded machine; "stubborn" makes
  // the exit wait all of it.
  tl::set_exit_timeout(2s);
  tl::daemon("cleaner", [](tl::stop_token token) {
    while (tl::sleep_for(token, 10s)) {
    }
    const char note[] = "cleaner: cleanup ran\n";
    (void)!::write(2, note, sizeof note - 1);
  });
  tl::daemon("stubborn", [] {
    for (;;) std::this_thread::sleep_for(1h);
  });
  return "started";
}
THREADLIFE_PROCESS_TASK("daemons_at_exit", daemons_at_exit);

// Leaves three threads running: a tracked std::thread, a tracked jthread and a plain
// jthread named by set_name(), all detached; returns the line of the first two.
std::string leak_at_exit(std::string_view path) {
  const int fd = ::open(std::string(path).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 2);
  ::close(fd);
  const unsigned line = __LINE__ + 1;
  std::thread(tl::tracked("forgotten", [] { for (;;) std::this_thread::sleep_for(1h); })).detach();
  tl::jthread(tl::tracked("forgotten-j", [] { for (;;) std::this_thread::sleep_for(1h); })).detach();
  tl::jthread plain([] { for (;;) std::this_thread::sleep_for(1h); });
  plain.set_name("named-later");
  plain.detach();
  tl::jthread joined(tl::tracked("joined", [] {}));
  tl::jthread joined_plain([] {});
  return std::to_string(line);
}
THREADLIFE_PROCESS_TASK("leak_at_exit", leak_at_exit);

// ---- helpers ----

std::string temp_path(const char* tag) {
  return "/tmp/threadlife-process-test-" + std::to_string(::getpid()) + "-" + tag;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  tl::process_main();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

TEST(RunInProcess, ReturnsTheTasksResult) {
  const tl::process_result r = tl::run_in_process("upper", "hello, child", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, "HELLO, CHILD");
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.signal, 0);
}

TEST(RunInProcess, EmptyInputAndOutput) {
  const tl::process_result r = tl::run_in_process("upper", "", tl::stop_source().get_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, "");
}

TEST(RunInProcess, AnExceptionInTheTaskIsAFailureWithItsMessage) {
  const tl::process_result r = tl::run_in_process("fail", "xyz", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::failed);
  EXPECT_EQ(r.error, "bad input: xyz");
  EXPECT_EQ(r.exit_status, 1);
}

TEST(RunInProcess, AnUnknownTaskFails) {
  const tl::process_result r = tl::run_in_process("no-such-task", "", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::failed);
  EXPECT_NE(r.error.find("no process task named \"no-such-task\""), std::string::npos) << r.error;
  EXPECT_EQ(r.exit_status, 127);
}

TEST(RunInProcess, ACrashOfTheChildLeavesTheParentUnharmed) {
  const tl::process_result r = tl::run_in_process("crash", "", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::failed);
  EXPECT_EQ(r.signal, SIGSEGV) << r.error;
  EXPECT_NE(r.error.find("signal"), std::string::npos) << r.error;
}

TEST(RunInProcess, AStopRequestKillsAHangingTaskWithSigterm) {
  tl::stop_source source;
  std::thread stopper([&] {
    std::this_thread::sleep_for(50ms);
    source.request_stop();
  });
  const auto start = clock_type::now();
  const tl::process_result r = tl::run_in_process("hang", "", source.get_token());
  stopper.join();
  EXPECT_EQ(r.outcome, tl::process_outcome::stopped);
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_LT(clock_type::now() - start, 60s);  // not the hang's forever
}

// The stop comes once the child ignores SIGTERM (however long it takes to start), so the
// SIGTERM is certain to be ignored and only the SIGKILL after `grace` can end it.
TEST(RunInProcess, SigkillFollowsWhenTheGracePeriodEnds) {
  const std::string ready = temp_path("hang-hard-ready");
  ::unlink(ready.c_str());
  tl::process_options options;
  options.grace = 100ms;
  tl::stop_source source;
  clock_type::time_point stopped_at{};
  std::thread stopper([&] {
    const auto until = clock_type::now() + 120s;
    while (::access(ready.c_str(), F_OK) != 0 && clock_type::now() < until) {
      std::this_thread::sleep_for(1ms);
    }
    stopped_at = clock_type::now();
    source.request_stop();
  });
  const tl::process_result r = tl::run_in_process("hang_hard", ready, source.get_token(), options);
  const auto ended_at = clock_type::now();
  stopper.join();
  ::unlink(ready.c_str());
  EXPECT_EQ(r.outcome, tl::process_outcome::stopped);
  EXPECT_EQ(r.signal, SIGKILL) << r.error;
  EXPECT_GE(ended_at - stopped_at, 100ms);
  EXPECT_LT(ended_at - stopped_at, 60s);
}

// The timeout path to the same end: SIGTERM at the timeout, which the child may or may not
// have started ignoring yet, and SIGKILL after the grace period if it did.
TEST(RunInProcess, TimeoutEndsAChildThatIgnoresSigterm) {
  const std::string ready = temp_path("hang-hard-timeout");
  tl::process_options options;
  options.timeout = 100ms;
  options.grace = 100ms;
  const auto start = clock_type::now();
  const tl::process_result r = tl::run_in_process("hang_hard", ready, tl::stop_token(), options);
  ::unlink(ready.c_str());
  EXPECT_EQ(r.outcome, tl::process_outcome::timed_out);
  EXPECT_TRUE(r.signal == SIGKILL || r.signal == SIGTERM) << r.error;
  EXPECT_GE(clock_type::now() - start, 100ms);
  EXPECT_LT(clock_type::now() - start, 60s);
}

TEST(RunInProcess, ADeadlineSourceStopsItToo) {
  tl::deadline_source deadline(50ms);
  const tl::process_result r = tl::run_in_process("hang", "", deadline.get_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::stopped);
}

TEST(RunInProcess, AlreadyStoppedStartsNothing) {
  tl::stop_source source;
  source.request_stop();
  const tl::process_result r = tl::run_in_process("upper", "x", source.get_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::stopped);
  EXPECT_EQ(r.exit_status, -1);
}

TEST(RunInProcess, LargeInputAndOutputFlowBothWays) {
  std::string input(3 << 20, '\0');
  unsigned long sum = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    input[i] = static_cast<char>('a' + i % 26);
    sum = sum * 31 + static_cast<unsigned char>(input[i]);
  }
  const tl::process_result r = tl::run_in_process("echo_size", input, tl::stop_token());
  ASSERT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, std::to_string(sum) + ":" + std::string(input.size(), 'z'));
}

TEST(RunCommand, ReturnsStandardOutput) {
  const tl::process_result r =
      tl::run_command({"/bin/sh", "-c", "tr a-z A-Z"}, "shell", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, "SHELL");
}

TEST(RunCommand, NonZeroExitIsAFailureWithTheOutputSoFar) {
  const tl::process_result r =
      tl::run_command({"sh", "-c", "printf partial; exit 3"}, "", tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::failed);
  EXPECT_EQ(r.exit_status, 3);
  EXPECT_EQ(r.output, "partial");
  EXPECT_EQ(r.error, "exit status 3");
}

TEST(RunCommand, AMissingProgramThrows) {
  try {
    (void)tl::run_command({"/nonexistent/program"}, "", tl::stop_token());
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), std::errc::no_such_file_or_directory);
  }
}

TEST(RunCommand, AChildThatStopsReadingDoesNotKillTheParentWithSigpipe) {
  const std::string input(1 << 20, 'x');
  const tl::process_result r = tl::run_command({"sh", "-c", "exec 0<&-; echo closed"}, input,
                                               tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, "closed\n");
}

TEST(RunCommand, TimeoutKillsASleepingCommand) {
  tl::process_options options;
  options.timeout = 50ms;
  const auto start = clock_type::now();
  const tl::process_result r = tl::run_command({"sleep", "30"}, "", tl::stop_token(), options);
  EXPECT_EQ(r.outcome, tl::process_outcome::timed_out);
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_LT(clock_type::now() - start, 25s);  // not the command's 30 s
}

TEST(ProcessAtExit, DaemonsAreStoppedAndStragglersNamed) {
  const std::string path = temp_path("daemons");
  const tl::process_result r = tl::run_in_process("daemons_at_exit", path, tl::stop_token());
  EXPECT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  EXPECT_EQ(r.output, "started");
  const std::string err = slurp(path);
  ::unlink(path.c_str());
  EXPECT_NE(err.find("cleaner: cleanup ran"), std::string::npos) << err;
  EXPECT_NE(err.find("daemon \"stubborn\" did not stop within 2000 ms of exit; left running"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("\"cleaner\" did not stop"), std::string::npos) << err;
}

TEST(ProcessAtExit, LeakReportListsThreadsStillRunning) {
  const std::string path = temp_path("leak");
  tl::process_options options;
  options.environment = {"THREADLIFE_LEAK_REPORT=1"};
  const tl::process_result r = tl::run_in_process("leak_at_exit", path, tl::stop_token(), options);
  ASSERT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  const std::string err = slurp(path);
  ::unlink(path.c_str());
  EXPECT_NE(err.find("threadlife: 3 threads still running at exit:"), std::string::npos) << err;
  EXPECT_NE(err.find("\"forgotten\" started at "), std::string::npos) << err;
  EXPECT_NE(err.find("process_test.cpp:" + r.output), std::string::npos) << err;
  EXPECT_NE(err.find("\"forgotten-j\" started at "), std::string::npos) << err;
  EXPECT_NE(err.find("process_test.cpp:" + std::to_string(std::stoul(r.output) + 1)),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("\"named-later\" started at an unknown place"), std::string::npos) << err;
  EXPECT_EQ(err.find("\"joined\""), std::string::npos) << err;
  EXPECT_EQ(err.find("\"jthread\""), std::string::npos) << err;
}

TEST(ProcessAtExit, NoReportWithoutOptingIn) {
  const std::string path = temp_path("noleak");
  const tl::process_result r = tl::run_in_process("leak_at_exit", path, tl::stop_token());
  ASSERT_EQ(r.outcome, tl::process_outcome::completed) << r.error;
  const std::string err = slurp(path);
  ::unlink(path.c_str());
  EXPECT_EQ(err.find("still running at exit"), std::string::npos) << err;
}

// Children started from several threads at once and stopped at random points: every
// one is reaped (no zombie is left), and each outcome is one of the two possible.
TEST(ProcessStress, ConcurrentChildrenAreAllReaped) {
  const int per_thread = 24 / THREADLIFE_STRESS_DIVISOR + 2;
  std::atomic<int> completed{0}, stopped{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        tl::deadline_source deadline(std::chrono::milliseconds((i * 7 + t * 3) % 40));
        const bool hang = i % 2 == 0;
        const tl::process_result r =
            tl::run_in_process(hang ? "hang" : "upper", "abc", deadline.get_token());
        if (r.outcome == tl::process_outcome::completed) {
          EXPECT_FALSE(hang);
          EXPECT_EQ(r.output, "ABC");
          ++completed;
        } else {
          EXPECT_EQ(r.outcome, tl::process_outcome::stopped) << r.error;
          ++stopped;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(completed + stopped, 3 * per_thread);
  EXPECT_GE(stopped.load(), 3 * per_thread / 2);
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}
