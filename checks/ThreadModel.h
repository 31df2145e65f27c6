//===--- ThreadModel.h - what the thread APIs are ---------------*- C++ -*-===//
//
// Every name of a thread API that a check needs lives here, once, as data:
// which functions kill a thread, which signals end a process, which calls
// install cancellation cleanup. Checks ask this header; they never spell an
// API name themselves, so a new API is a one-line change every check sees.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_THREADMODEL_H
#define THREADLIFE_CHECKS_THREADMODEL_H

#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::threadlife::model {

//===--- Forced kills -----------------------------------------------------===//

/// The ways of stopping a thread by force, each with its own lesson.
enum class KillKind {
  PosixCancel,           // pthread_cancel
  PosixAsyncCancelType,  // pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS)
  PosixSignal,           // pthread_kill with a signal that ends the process
  PosixExit,             // pthread_exit
  WinTerminate,          // TerminateThread
  WinSuspend,            // SuspendThread
  WinExit,               // ExitThread, _endthreadex
  QtTerminate,           // QThread::terminate
  QtTerminationEnabled,  // QThread::setTerminationEnabled(true)
  PythonAsyncException,  // PyThreadState_SetAsyncExc(id, exc != NULL)
};

/// A C function (global namespace, C language linkage) that kills a thread.
struct KillFunction {
  llvm::StringRef Name;
  KillKind Kind;
  unsigned NumParams;
  /// The argument that decides whether the call kills (the signal, the cancel
  /// type, the exception), if one does.
  std::optional<unsigned> DecidingArg;
};

llvm::ArrayRef<KillFunction> killFunctions();
const KillFunction *findKillFunction(llvm::StringRef Name);

/// A member function of a class derived from the named class that kills.
struct KillMethod {
  llvm::StringRef Class;
  llvm::StringRef Method;
  KillKind Kind;
};

llvm::ArrayRef<KillMethod> killMethods();

/// Signals whose purpose is to end: their default action terminates or stops
/// the whole process. Wake-up signals (SIGUSR1/2, real-time signals) are not
/// here.
llvm::ArrayRef<llvm::StringRef> endingSignals();

/// The values of the ending signals fixed by POSIX, used when the signal
/// header's macros are not visible.
std::optional<llvm::StringRef> posixSignalName(int64_t Value);

/// Calls that consume a blocked signal synchronously; a thread woken by
/// pthread_kill with such a signal is being asked, not killed.
llvm::ArrayRef<llvm::StringRef> signalConsumers();
/// Calls that add a signal to a set (the set later blocked and consumed).
llvm::StringRef signalSetAdder();

/// The name of the asynchronous cancel type's constant.
llvm::StringRef asyncCancelTypeName();

/// Calls a thread function makes when it installs a cancellation cleanup
/// handler. pthread_cleanup_push is a macro; these are what it expands to in
/// glibc and musl, and the function itself where a libc has one.
llvm::ArrayRef<llvm::StringRef> cleanupHandlerInstallers();

/// The function that starts a POSIX thread, and the index of its handle
/// (pthread_t *) and start routine arguments.
llvm::StringRef posixThreadCreate();
constexpr unsigned PosixCreateHandleArg = 0;
constexpr unsigned PosixCreateStartArg = 2;

//===--- Matchers over the model -------------------------------------------===//

/// A function declared in the global namespace with C language linkage whose
/// name is one of \p Names: the real C API, never a project function that
/// shares its name (a method, a function in a namespace, a C++ overload).
ast_matchers::internal::Matcher<FunctionDecl>
cApiFunction(llvm::ArrayRef<llvm::StringRef> Names);

/// Calls to any C API in \p Names.
ast_matchers::internal::BindableMatcher<Stmt>
cApiCall(llvm::ArrayRef<llvm::StringRef> Names);

//===--- Reading the code ---------------------------------------------------===//

/// The variable or member that a handle expression names: `t`, `&t`, `s.t`,
/// `p->t`, `ts[i]`, `&ts[i]` all name the declaration of `t`/`ts`.
const ValueDecl *handleDecl(const Expr *E);

/// The integer value of \p E, looking through a macro that names an
/// enumerator or a literal.
std::optional<int64_t> integerValue(const Expr *E, const ASTContext &Ctx);

/// The value of an integer constant named \p Name in this translation unit:
/// an enumerator, or an object-like macro whose body is a literal or names
/// another such macro. Empty if it is not defined (or not a plain constant).
std::optional<int64_t> namedConstant(llvm::StringRef Name, ASTContext &Ctx,
                                     const Preprocessor *PP);

} // namespace clang::tidy::threadlife::model

#endif // THREADLIFE_CHECKS_THREADMODEL_H
