//===--- ThreadModel.cpp - the thread lifecycle APIs, as data -------------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife::model {

llvm::ArrayRef<KillFunction> killFunctions() {
  static const KillFunction Functions[] = {
      {"pthread_cancel", KillKind::PosixCancel, 1, std::nullopt},
      {"pthread_setcanceltype", KillKind::PosixAsyncCancelType, 2, 0},
      {"pthread_kill", KillKind::PosixSignal, 2, 1},
      {"pthread_exit", KillKind::PosixExit, 1, std::nullopt},
      {"thrd_exit", KillKind::PosixExit, 1, std::nullopt},
      {"g_thread_exit", KillKind::PosixExit, 1, std::nullopt},
      {"TerminateThread", KillKind::WinTerminate, 2, std::nullopt},
      {"SuspendThread", KillKind::WinSuspend, 1, std::nullopt},
      {"ExitThread", KillKind::WinExit, 1, std::nullopt},
      {"_endthreadex", KillKind::WinExit, 1, std::nullopt},
      {"PyThreadState_SetAsyncExc", KillKind::PythonAsyncException, 2, 1},
  };
  return Functions;
}

llvm::ArrayRef<KillMethod> killMethods() {
  static const KillMethod Methods[] = {
      {"QThread", "terminate", KillKind::QtTerminate},
      {"QThread", "setTerminationEnabled", KillKind::QtTerminationEnabled},
  };
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> endingSignals() {
  static const llvm::StringRef Signals[] = {
      "SIGKILL", "SIGSTOP", "SIGTERM", "SIGINT", "SIGQUIT", "SIGABRT", "SIGHUP",
  };
  return Signals;
}

std::optional<llvm::StringRef> posixSignalName(int64_t Value) {
  // Only the numbers POSIX fixes; SIGSTOP differs between systems.
  switch (Value) {
  case 1:
    return llvm::StringRef("SIGHUP");
  case 2:
    return llvm::StringRef("SIGINT");
  case 3:
    return llvm::StringRef("SIGQUIT");
  case 6:
    return llvm::StringRef("SIGABRT");
  case 9:
    return llvm::StringRef("SIGKILL");
  case 15:
    return llvm::StringRef("SIGTERM");
  default:
    return std::nullopt;
  }
}

llvm::ArrayRef<llvm::StringRef> signalConsumers() {
  static const llvm::StringRef Consumers[] = {"sigwait", "sigwaitinfo",
                                              "sigtimedwait", "signalfd"};
  return Consumers;
}

llvm::StringRef signalSetAdder() { return "sigaddset"; }

llvm::ArrayRef<llvm::StringRef> signalInstallers() {
  static const llvm::StringRef Installers[] = {
      "signal", "sigaction", "bsd_signal", "sysv_signal", "sigset"};
  return Installers;
}

llvm::ArrayRef<llvm::StringRef> sigactionHandlerFields() {
  static const llvm::StringRef Fields[] = {"sa_handler", "sa_sigaction"};
  return Fields;
}

llvm::ArrayRef<llvm::StringRef> handlerEscapes() {
  static const llvm::StringRef Escapes[] = {
      "pthread_exit", "thrd_exit", "longjmp", "siglongjmp", "_longjmp",
      "abort",        "exit",      "_exit",   "_Exit",      "quick_exit"};
  return Escapes;
}

llvm::StringRef asyncCancelTypeName() { return "PTHREAD_CANCEL_ASYNCHRONOUS"; }

llvm::ArrayRef<llvm::StringRef> cleanupHandlerInstallers() {
  static const llvm::StringRef Installers[] = {
      "pthread_cleanup_push", "__pthread_register_cancel",
      "_pthread_cleanup_push", "__pthread_cleanup_push"};
  return Installers;
}

llvm::StringRef posixThreadCreate() { return "pthread_create"; }

//===--- Thread handles and their lifecycle calls
//---------------------------===//

namespace {
/// One row of the thread class table, built by name: no row is a list of
/// bare booleans.
class ClassRow {
public:
  ClassRow(llvm::StringRef Name, JoinableDestruction Destruction) {
    Class.Name = Name;
    Class.Destruction = Destruction;
  }
  ClassRow &runsCallableWhenConstructed() {
    Class.StartsInConstructor = true;
    return *this;
  }
  ClassRow &includingDerived() {
    Class.MatchDerived = true;
    return *this;
  }
  ClassRow &terminatesIfDefined(llvm::StringRef Macro) {
    Class.TerminatesIfDefined = Macro;
    return *this;
  }
  ClassRow &startedBy(llvm::ArrayRef<llvm::StringRef> Methods) {
    Class.StartMethods = Methods;
    return *this;
  }
  ClassRow &methods(llvm::ArrayRef<llvm::StringRef> Join,
                    llvm::ArrayRef<llvm::StringRef> Detach,
                    llvm::ArrayRef<llvm::StringRef> Joinable,
                    llvm::ArrayRef<llvm::StringRef> Inert) {
    Class.JoinMethods = Join;
    Class.DetachMethods = Detach;
    Class.JoinableQueries = Joinable;
    Class.InertMethods = Inert;
    return *this;
  }
  ClassRow &stoppedBy(StopChannel Channel, llvm::StringRef Token) {
    Class.Stop = Channel;
    Class.TokenSpelling = Token;
    return *this;
  }
  ClassRow &nativeHandle(llvm::StringRef Method) {
    Class.NativeHandleMethod = Method;
    return *this;
  }
  ClassRow &throwingUnlessJoinable() {
    Class.JoinThrowsUnlessJoinable = true;
    return *this;
  }
  ClassRow &replacedBy(llvm::StringRef SelfJoining) {
    Class.SelfJoiningReplacement = SelfJoining;
    return *this;
  }
  operator ThreadClass() const { return Class; }

private:
  ThreadClass Class;
};
} // namespace

llvm::ArrayRef<ThreadClass> threadClasses() {
  static const llvm::StringRef Join[] = {"join"};
  static const llvm::StringRef Detach[] = {"detach"};
  static const llvm::StringRef Joinable[] = {"joinable"};
  static const llvm::StringRef StdInert[] = {"get_id",
                                             "native_handle",
                                             "hardware_concurrency",
                                             "get_stop_source",
                                             "get_stop_token",
                                             "request_stop",
                                             "swap"};
  static const llvm::StringRef BoostInert[] = {
      "get_id",    "native_handle",          "hardware_concurrency",
      "interrupt", "interruption_requested", "swap"};
  static const llvm::StringRef QtStart[] = {"start"};
  static const llvm::StringRef QtWait[] = {"wait"};
  static const llvm::StringRef QtRunning[] = {"isRunning"};
  static const llvm::StringRef QtInert[] = {
      "quit",          "exit",        "requestInterruption",
      "isFinished",    "setPriority", "priority",
      "setObjectName", "objectName",  "isInterruptionRequested",
      "setStackSize",  "stackSize",   "eventDispatcher"};
  static const llvm::StringRef PocoStart[] = {"start", "startFunc"};
  static const llvm::StringRef PocoRunning[] = {"isRunning"};
  static const llvm::StringRef PocoInert[] = {
      "setName",       "getName",      "name",         "id",
      "tid",           "setPriority",  "getPriority",  "setOSPriority",
      "getOSPriority", "setStackSize", "getStackSize", "wakeUp"};
  using JD = JoinableDestruction;
  static const ThreadClass Classes[] = {
      ClassRow("::std::thread", JD::Terminates)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable()
          .replacedBy("std::jthread"),
      ClassRow("::std::jthread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable()
          .stoppedBy(StopChannel::Token, "std::stop_token"),
      ClassRow("::threadlife::jthread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable()
          .stoppedBy(StopChannel::Token, "threadlife::stop_token"),
      ClassRow("::boost::thread", JD::Detaches)
          .terminatesIfDefined(
              "BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_"
              "JOINABLE")
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, BoostInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable()
          .stoppedBy(StopChannel::BoostInterruption, ""),
      ClassRow("::boost::scoped_thread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, BoostInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable(),
      ClassRow("::gsl::joining_thread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .throwingUnlessJoinable(),
      ClassRow("::Poco::Thread", JD::Detaches)
          .startedBy(PocoStart)
          .methods(Join, {}, PocoRunning, PocoInert),
      ClassRow("::QThread", JD::Aborts)
          .includingDerived()
          .startedBy(QtStart)
          .methods(QtWait, {}, QtRunning, QtInert),
  };
  return Classes;
}

llvm::ArrayRef<llvm::StringRef> detachMethodNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      for (llvm::StringRef Method : Class.DetachMethods)
        if (!llvm::is_contained(Names, Method))
          Names.push_back(Method);
    return Names;
  }();
  return Names;
}

llvm::ArrayRef<llvm::StringRef> joinOrDetachMethodNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      for (llvm::ArrayRef<llvm::StringRef> Methods :
           {Class.JoinMethods, Class.DetachMethods})
        for (llvm::StringRef Method : Methods)
          if (!llvm::is_contained(Names, Method))
            Names.push_back(Method);
    return Names;
  }();
  return Names;
}

llvm::ArrayRef<llvm::StringRef> selfJoiningCompatibleMethods() {
  static const llvm::StringRef Methods[] = {"join", "joinable", "get_id",
                                            "native_handle"};
  return Methods;
}

llvm::StringRef swapMethod() { return "swap"; }

llvm::ArrayRef<llvm::StringRef> containerElementMethods() {
  static const llvm::StringRef Methods[] = {"at", "back", "front"};
  return Methods;
}

llvm::StringRef moveFunction() { return "::std::move"; }

llvm::StringRef atomicLoadMethod() { return "load"; }

llvm::StringRef atomicHeader() { return "atomic"; }

llvm::StringRef posixSetDetachState() { return "pthread_attr_setdetachstate"; }
llvm::StringRef posixCreateDetached() { return "PTHREAD_CREATE_DETACHED"; }

llvm::ArrayRef<llvm::StringRef> threadContainers() {
  static const llvm::StringRef Containers[] = {
      "::std::vector", "::std::deque", "::std::list", "::std::forward_list",
      "::std::array"};
  return Containers;
}

llvm::ArrayRef<llvm::StringRef> containerFillMethods() {
  static const llvm::StringRef Methods[] = {"push_back",  "emplace_back",
                                            "push_front", "emplace_front",
                                            "emplace",    "insert"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> containerInertMethods() {
  static const llvm::StringRef Methods[] = {"size", "empty", "reserve",
                                            "capacity", "max_size"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> throwingLibraryCalls() {
  static const llvm::StringRef Calls[] = {
      "::std::stoi",
      "::std::stol",
      "::std::stoul",
      "::std::stoll",
      "::std::stoull",
      "::std::stof",
      "::std::stod",
      "::std::stold",
      "::std::vector::at",
      "::std::basic_string::at",
      "::std::basic_string::substr",
      "::std::map::at",
      "::std::unordered_map::at",
      "::std::deque::at",
      "::std::array::at",
      "::std::optional::value",
      "::std::any_cast",
      "::std::rethrow_exception",
      "::std::future::get",
      "::std::shared_future::get",
  };
  return Calls;
}

llvm::ArrayRef<llvm::StringRef> assertionReporters() {
  static const llvm::StringRef Reporters[] = {
      "::doctest::detail::ResultBuilder::react",
      "::doctest::detail::MessageBuilder::react",
      "::doctest::detail::decomp_assert",
      "::doctest::detail::unary_assert",
      "::doctest::detail::binary_assert",
      "::Catch::AssertionHandler::complete",
      "::Catch::AssertionHandler::handleExpr",
      "::Catch::AssertionHandler::handleMessage",
      "::boost::test_tools::tt_detail::report_assertion",
  };
  return Reporters;
}

llvm::ArrayRef<llvm::StringRef> owningPointers() {
  static const llvm::StringRef Pointers[] = {
      "::std::unique_ptr",   "::std::shared_ptr", "::boost::shared_ptr",
      "::boost::scoped_ptr", "::QScopedPointer",  "::QSharedPointer"};
  return Pointers;
}

llvm::StringRef ownedPointerMethod() { return "get"; }

llvm::ArrayRef<llvm::StringRef> uniqueOwningPointers() {
  static const llvm::StringRef Pointers[] = {
      "::std::unique_ptr", "::boost::scoped_ptr", "::QScopedPointer"};
  return Pointers;
}

llvm::ArrayRef<llvm::StringRef> uniqueObjectFactories() {
  static const llvm::StringRef Factories[] = {"::std::make_unique"};
  return Factories;
}

llvm::StringRef pointerResetMethod() { return "reset"; }
llvm::StringRef pointerReleaseMethod() { return "release"; }

llvm::ArrayRef<llvm::StringRef> referenceWrappers() {
  static const llvm::StringRef Wrappers[] = {"::std::ref", "::std::cref",
                                             "::boost::ref", "::boost::cref"};
  return Wrappers;
}

//===--- Thread starts ----------------------------------------------------===//

llvm::ArrayRef<ThreadStart> threadStarts() {
  static const ThreadStart Functions[] = {
      {"::std::async", false, 1},
      {"::_beginthread", false, 0},
      {"::QThread::create", false, 0},
      {"::Poco::Thread::startFunc", false, 0},
      {"::threadlife::thread_scope::spawn", false, 0},
      {"::threadlife::daemon", false, 1},
  };
  // The names live as long as the tables they come from.
  static const std::vector<std::string> CNames = [] {
    std::vector<std::string> Names;
    for (const HandleFunction &F : handleFunctions())
      if (F.StartArg)
        Names.push_back(("::" + F.Name).str());
    return Names;
  }();
  static const std::vector<ThreadStart> Starts = [] {
    std::vector<ThreadStart> Starts;
    for (const ThreadClass &Class : threadClasses())
      if (Class.StartsInConstructor)
        Starts.push_back({Class.Name, true, 0});
    unsigned Name = 0;
    for (const HandleFunction &F : handleFunctions())
      if (F.StartArg)
        Starts.push_back({CNames[Name++], false, *F.StartArg, F.ContextArg});
    Starts.insert(Starts.end(), std::begin(Functions), std::end(Functions));
    return Starts;
  }();
  return Starts;
}

llvm::ArrayRef<llvm::StringRef> callableWrappers() {
  static const llvm::StringRef Wrappers[] = {"::std::bind", "::std::bind_front",
                                             "::boost::bind"};
  return Wrappers;
}

llvm::ArrayRef<llvm::StringRef> callableHolders() {
  static const llvm::StringRef Holders[] = {
      "::std::function", "::std::move_only_function",
      "::std::copyable_function", "::boost::function"};
  return Holders;
}

} // namespace clang::tidy::threadlife::model
