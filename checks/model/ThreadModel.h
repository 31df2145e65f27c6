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
#include <string>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::threadlife::model {

/// The row of \p Rows (a table of this header) named \p Name, if any.
template <class Row>
const Row *findRow(llvm::ArrayRef<Row> Rows, llvm::StringRef Name) {
  for (const Row &R : Rows)
    if (R.Name == Name)
      return &R;
  return nullptr;
}

//===--- Forced kills -----------------------------------------------------===//

/// The ways of stopping a thread by force, each with its own lesson.
enum class KillKind {
  PosixCancel,          // pthread_cancel
  PosixAsyncCancelType, // pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS)
  PosixSignal,          // pthread_kill with a signal that ends the process
  PosixExit,            // pthread_exit, thrd_exit, g_thread_exit
  WinTerminate,         // TerminateThread
  WinSuspend,           // SuspendThread
  WinExit,              // ExitThread, _endthreadex
  QtTerminate,          // QThread::terminate
  QtTerminationEnabled, // QThread::setTerminationEnabled(true)
  PythonAsyncException, // PyThreadState_SetAsyncExc(id, exc != NULL)
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

/// Calls that install a signal handler for the signal in their first
/// argument: the handler is their second (signal) or a handler field of the
/// struct sigaction it points to.
llvm::ArrayRef<llvm::StringRef> signalInstallers();
llvm::ArrayRef<llvm::StringRef> sigactionHandlerFields();
/// Calls that leave a signal handler without returning to the interrupted
/// code: the thread (or the process) ends, or jumps elsewhere, wherever it
/// was interrupted.
llvm::ArrayRef<llvm::StringRef> handlerEscapes();

/// The name of the asynchronous cancel type's constant.
llvm::StringRef asyncCancelTypeName();

/// Calls a thread function makes when it installs a cancellation cleanup
/// handler. pthread_cleanup_push is a macro; these are what it expands to in
/// glibc and musl, and the function itself where a libc has one.
llvm::ArrayRef<llvm::StringRef> cleanupHandlerInstallers();

/// The function that starts a POSIX thread (its row in handleFunctions()
/// says which argument is which).
llvm::StringRef posixThreadCreate();

//===--- Thread handles and their lifecycle calls
//---------------------------===//

/// What destroying a handle that still owns a running thread does.
enum class JoinableDestruction {
  Terminates, // std::thread: std::terminate
  Detaches,   // boost::thread without the terminate configuration
  Aborts,     // QThread: "Destroyed while thread is still running", abort
  Joins,      // the self-joining types
};

/// How a stop request reaches a thread body.
enum class StopChannel {
  None,              // it cannot be asked (std::thread)
  Token,             // a stop_token, requested by ~jthread or request_stop()
  BoostInterruption, // boost::thread::interrupt() at interruption points
  QtInterruption,    // QThread::requestInterruption()
};

/// A class whose objects own a thread, with the names of the methods that
/// start it, end the ownership (join, detach) or only look at it. A method not
/// named here may do anything: a call to one makes the handle's state unknown.
/// This one table is what every check knows of thread classes: the thread
/// starts, the stoppable threads and the fix-its are derived from it.
struct ThreadClass {
  llvm::StringRef Name;
  JoinableDestruction Destruction = JoinableDestruction::Terminates;
  /// A macro that, when defined, turns Destruction into Terminates
  /// (Boost.Thread's BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_...).
  llvm::StringRef TerminatesIfDefined;
  /// Constructed with a callable (its first argument), the thread runs
  /// (std::thread); otherwise a start method runs it (QThread::start).
  bool StartsInConstructor = false;
  /// Classes derived from this one are handles too (QThread subclasses).
  bool MatchDerived = false;
  /// How its callable is asked to stop, and the token type a fix-it gives a
  /// callable that takes none.
  StopChannel Stop = StopChannel::None;
  llvm::StringRef TokenSpelling;
  /// The self-joining type that replaces it in a fix-it (std::jthread for
  /// std::thread), if one does.
  llvm::StringRef SelfJoiningReplacement;
  llvm::ArrayRef<llvm::StringRef> StartMethods;
  /// Joins that wait without a deadline; a join with a deadline argument
  /// (QThread::wait(ms)) leaves the state unknown.
  llvm::ArrayRef<llvm::StringRef> JoinMethods;
  llvm::ArrayRef<llvm::StringRef> DetachMethods;
  /// Queries true exactly while a join is owed (joinable, isRunning).
  llvm::ArrayRef<llvm::StringRef> JoinableQueries;
  /// Methods that neither start, join nor detach.
  llvm::ArrayRef<llvm::StringRef> InertMethods;
  /// The method that gives the underlying pthread_t (native_handle), if any.
  llvm::StringRef NativeHandleMethod;
  /// A join or detach of a thread that is not joinable throws (std::thread's
  /// std::system_error); a QThread or Poco::Thread just returns.
  bool JoinThrowsUnlessJoinable = false;
};

llvm::ArrayRef<ThreadClass> threadClasses();
/// Every class's detach methods, once each.
llvm::ArrayRef<llvm::StringRef> detachMethodNames();
/// Every class's join and detach methods, once each.
llvm::ArrayRef<llvm::StringRef> joinOrDetachMethodNames();
/// The std::thread methods std::jthread has with the same meaning: a
/// std::thread used only through these can become a std::jthread.
llvm::ArrayRef<llvm::StringRef> selfJoiningCompatibleMethods();
/// The member swap of the standard thread classes (exchanges two handles).
llvm::StringRef swapMethod();

/// A C thread library. Its handle is either filled in by the call that
/// creates the thread (pthread_t, thrd_t, uv_thread_t) or returned by it
/// (HANDLE, GThread *, SDL_Thread *).
enum class CThreadLibrary { Posix, Win32, C11, Libuv, GLib, SDL };

/// What a message needs to know of a C thread library.
struct CThreadApi {
  CThreadLibrary Library;
  /// The typedef of a handle the create call fills in; empty when the create
  /// call returns the handle.
  llvm::StringRef FilledType;
  /// The calls that wait for the thread, and that give up the handle without
  /// waiting (pthread_detach, CloseHandle, g_thread_unref); empty if none.
  llvm::StringRef Join;
  llvm::StringRef Release;
  /// The release lets the thread run on unobserved, like pthread_detach (not
  /// CloseHandle, which only drops one reference to a thread object).
  bool ReleaseDetaches;
  /// Waiting frees the handle (g_thread_join, SDL_WaitThread): using it again
  /// is a use after free.
  bool JoinFrees;
  /// Waiting on a null handle is an error (g_thread_join(NULL) is a GLib
  /// critical), not a no-op (SDL_WaitThread(NULL)).
  bool JoinRejectsNull;
  /// The type a returned handle points to when that type names nothing but
  /// threads (GThread, SDL_Thread); empty for Win32's HANDLE, which names
  /// events, files and processes too.
  llvm::StringRef ReturnedType;
};

const CThreadApi &cThreadApi(CThreadLibrary Library);
llvm::ArrayRef<CThreadApi> cThreadApis();
/// The typedefs of handles that a create call fills in.
llvm::ArrayRef<llvm::StringRef> filledHandleTypes();

/// What a C API call does to the thread handle in its argument or result.
enum class HandleOp {
  CreateIntoArg, // pthread_create(&t, ...)
  CreateResult,  // HANDLE h = CreateThread(...)
  Join,          // pthread_join, WaitForSingleObject
  Detach,        // pthread_detach, CloseHandle
  MaybeJoin,     // pthread_tryjoin_np: joined or not
  Inert,         // pthread_setname_np: reads the handle only
};

struct HandleFunction {
  llvm::StringRef Name;
  HandleOp Op;
  CThreadLibrary Library;
  /// The argument holding the handle, or its address (for CreateResult:
  /// unused).
  unsigned HandleArg = 0;
  /// For a create: the start routine and the argument it is given.
  std::optional<unsigned> StartArg = std::nullopt;
  std::optional<unsigned> ContextArg = std::nullopt;
  /// The thread attributes, which may create the thread detached
  /// (pthread_create's pthread_attr_t *).
  std::optional<unsigned> AttrArg = std::nullopt;
};

/// The C thread APIs (POSIX, Win32, C11, libuv, GLib, SDL) as calls on
/// handles. Functions are written without "::" and match C functions only
/// (see cApiFunction).
llvm::ArrayRef<HandleFunction> handleFunctions();
/// The names of the C functions that do \p Op to a handle.
std::vector<llvm::StringRef> handleFunctionNames(HandleOp Op);
/// The C functions that detach a thread (pthread_detach, thrd_detach).
std::vector<llvm::StringRef> detachFunctionNames();

/// The C calls that name the calling thread (pthread_self, thrd_current).
llvm::ArrayRef<llvm::StringRef> currentThreadFunctions();
/// The C allocation calls that return zeroed memory (calloc): a struct
/// they make holds no thread yet. And the calls that free such memory.
llvm::ArrayRef<llvm::StringRef> zeroingAllocationFunctions();
llvm::ArrayRef<llvm::StringRef> freeFunctions();
/// The attribute call and constant that create a POSIX thread detached.
llvm::StringRef posixSetDetachState();
llvm::StringRef posixCreateDetached();

/// Standard containers that own the threads they hold, the methods that add a
/// thread and the methods that only look at the container.
llvm::ArrayRef<llvm::StringRef> threadContainers();
llvm::ArrayRef<llvm::StringRef> containerFillMethods();
/// Methods that name one element of a container: `ts.at(i)`, `ts.back()`.
llvm::ArrayRef<llvm::StringRef> containerElementMethods();
/// std::move, which leaves a handle moved from.
llvm::StringRef moveFunction();
llvm::ArrayRef<llvm::StringRef> containerInertMethods();

/// Library functions that throw on bad input (std::stoi, at()). Other library
/// calls are taken not to throw: they could only by running out of memory,
/// which no caller handles.
llvm::ArrayRef<llvm::StringRef> throwingLibraryCalls();

/// Smart pointers that own their object, and the method that gives the raw
/// pointer without sharing the ownership.
llvm::ArrayRef<llvm::StringRef> owningPointers();
llvm::StringRef ownedPointerMethod();

/// The smart pointers that are their object's only owner: destroying or
/// resetting one destroys the thread object it holds. A thread held through
/// one of these, or through a raw pointer from `new`, is a handle too.
llvm::ArrayRef<llvm::StringRef> uniqueOwningPointers();
/// The factories that make a uniquely owned object from its constructor's
/// arguments (`std::make_unique<std::thread>(f)`).
llvm::ArrayRef<llvm::StringRef> uniqueObjectFactories();
/// What a unique owner's methods do to the object it holds.
llvm::StringRef pointerResetMethod();
llvm::StringRef pointerReleaseMethod();

/// The calls by which test frameworks report an assertion (doctest, Catch2,
/// Boost.Test): they throw only to end a test that has failed (a REQUIRE),
/// and are taken not to throw.
llvm::ArrayRef<llvm::StringRef> assertionReporters();

/// Wrappers that pass an argument by reference to a thread's callable.
llvm::ArrayRef<llvm::StringRef> referenceWrappers();

/// What the teaching notes recommend: a daemon thread that is stopped and
/// joined at exit.
llvm::StringRef recommendedDaemon();
/// Where work that cannot stop itself can run and still be killed safely.
llvm::StringRef recommendedKillableTask();

/// The fixes a message may name in one translation unit: the standard
/// library's where the file's language standard has them (std::jthread and
/// std::stop_token from C++20), the runtime library's where the file already
/// uses it, and otherwise what C++11 and POSIX offer. Advice that names what
/// the file cannot use teaches nothing.
class Advice {
public:
  explicit Advice(const ASTContext &Ctx);

  /// A thread that requests stop and joins in its destructor; empty if the
  /// file has none.
  llvm::StringRef joiningThread() const;
  /// ", or make it a <joiningThread>", or empty: the end of a message.
  std::string orJoiningThread() const;
  /// The type of the token a stoppable callable takes; empty if none.
  llvm::StringRef stopToken() const;
  /// How to wait on a condition variable so that a stop request wakes it:
  /// without a deadline, and with one.
  llvm::StringRef conditionWait() const;
  llvm::StringRef timedConditionWait() const;
  /// How to sleep so that a stop request wakes it.
  llvm::StringRef sleep() const;
  /// How to wait for another thread without waiting forever.
  llvm::StringRef join() const;
  /// How to wait for a descriptor so that a stop request wakes it.
  llvm::StringRef read() const;
  /// How to take from (or put into) a queue so that a stop request ends the
  /// wait: \p Shutdown is the library queue's method that ends every blocked
  /// call (empty if it has none, or for the project's own queue).
  std::string queueWait(llvm::StringRef Shutdown) const;
  /// The same for the project's own queue, whose pop waits on a condition
  /// variable.
  llvm::StringRef ownQueueWait() const;

private:
  bool Cxx20;
  bool UsesRuntimeLibrary;
};

//===--- Matchers over the model
//-------------------------------------------===//

/// A function declared in the global namespace with C language linkage whose
/// name is one of \p Names: the real C API, never a project function that
/// shares its name (a method, a function in a namespace, a C++ overload).
ast_matchers::internal::Matcher<FunctionDecl>
cApiFunction(llvm::ArrayRef<llvm::StringRef> Names);

/// The definition of QThread::run() in a class derived from QThread: the
/// body its thread runs.
ast_matchers::internal::BindableMatcher<Decl> qtThreadRunDefinition();

/// Calls to any C API in \p Names.
ast_matchers::internal::BindableMatcher<Stmt>
cApiCall(llvm::ArrayRef<llvm::StringRef> Names);

//===--- Reading the code
//---------------------------------------------------===//

/// The integer value of \p E, looking through a macro that names an
/// enumerator or a literal.
std::optional<int64_t> integerValue(const Expr *E, const ASTContext &Ctx);

/// The value of an integer constant named \p Name in this translation unit:
/// an enumerator, or an object-like macro whose body is an integer constant
/// expression of literals, enumerators and such macros (`1`, `(1 << 0)`,
/// `((int)0x2)`, `OTHER_MACRO`). Empty if it is not defined (or not a
/// constant).
std::optional<int64_t> namedConstant(llvm::StringRef Name, ASTContext &Ctx,
                                     const Preprocessor *PP);

//===--- Names ------------------------------------------------------------===//

/// The qualified name of \p D as the lists below spell it, without the leading
/// "::": inline namespaces (std::__cxx11, std::_V2) and template arguments are
/// left out, so "std::future::get" names the method of every std::future<T>.
/// Empty for a declaration inside a lambda or an anonymous record.
std::string qualifiedName(const NamedDecl *D);

/// \p Name as the lists spell it: trimmed, with a leading "::".
std::string absoluteName(llvm::StringRef Name);
/// A semicolon-separated option value (ThreadTypes, StopObservers) as
/// absolute names, empty entries dropped.
std::vector<std::string> absoluteNames(llvm::StringRef OptionValue);

/// Whether \p D is one of \p Names (each written "::ns::name").
bool isOneOf(const NamedDecl *D, llvm::ArrayRef<llvm::StringRef> Names);

/// The class declaration of \p T, through references, qualifiers, typedefs
/// and template specializations (the pattern's name stands for them).
const CXXRecordDecl *classOf(QualType T);

/// Whether \p T is (a reference to) a class named in \p Names.
bool isClassOneOf(QualType T, llvm::ArrayRef<llvm::StringRef> Names);

//===--- Stop tokens and stop observers -----------------------------------===//

/// The types whose objects carry a stop request to a thread.
llvm::ArrayRef<llvm::StringRef> stopTokenTypes();

/// The types that run a callback when a stop is requested; a body that
/// registers one reacts to the request (closes a socket, notifies a cv).
llvm::ArrayRef<llvm::StringRef> stopCallbackTypes();

/// Calls that observe a stop request whatever their arguments: the token's
/// query, boost's interruption points and interruptible waits, Qt's query.
llvm::ArrayRef<llvm::StringRef> stopObservers();

/// Waits that a stop request ends when they are given a token (the overloads
/// without one are blocking calls).
llvm::ArrayRef<llvm::StringRef> stopAwareWaits();

/// The thread classes whose callable can be asked to stop (Stop is not
/// None), by qualified name, and the one \p T is.
llvm::ArrayRef<llvm::StringRef> stoppableThreadNames();
const ThreadClass *findStoppableThread(QualType T);

/// A function that runs its callable argument as a stoppable thread (the
/// callable may take the token).
struct StoppableSpawn {
  llvm::StringRef Function;
  unsigned CallableArg;
};

llvm::ArrayRef<StoppableSpawn> stoppableSpawns();

/// Qt's thread class, whose run() override is a thread body stopped with
/// requestInterruption().
llvm::StringRef qtThreadClass();
llvm::StringRef qtThreadBodyMethod();

//===--- Thread starts ----------------------------------------------------===//

/// Where any thread (stoppable or not) starts running a callable: a thread
/// class's constructor (every ThreadClass that StartsInConstructor) or a
/// function, with the index of the callable argument.
struct ThreadStart {
  llvm::StringRef Name;
  bool IsType;
  unsigned CallableArg;
  /// The argument the callable is given, where the start passes one on (the
  /// void * of pthread_create).
  std::optional<unsigned> ContextArg = std::nullopt;
};

llvm::ArrayRef<ThreadStart> threadStarts();

/// Calls that wrap a callable (their first argument) for a thread to run:
/// `std::thread(std::bind(&Worker::run, this))` runs Worker::run.
llvm::ArrayRef<llvm::StringRef> callableWrappers();

/// Classes that hold a callable to run later: a thread wrapper class that
/// keeps the function its constructor is given in one of these runs it.
llvm::ArrayRef<llvm::StringRef> callableHolders();

//===--- Blocking calls ---------------------------------------------------===//

enum class BlockKind {
  ConditionWait,      // blocks until notified
  ConditionTimedWait, // blocks until notified or for a duration
  Sleep,              // blocks for a duration
  FutureWait,         // blocks until a result is ready
  Join,               // blocks until another thread ends
  DescriptorRead,     // blocks until a descriptor is readable
  QueuePop,           // blocks until a queue has an item
  QueuePush,          // blocks while a bounded queue is full
};

/// The unit of a duration argument: a std::chrono duration, or a plain
/// integer in a fixed unit (POSIX sleep, usleep; Qt's sleeps).
enum class TimeUnit { Chrono, Seconds, Milliseconds, Microseconds };

/// A call that blocks and that no stop request wakes. \p Arg is the duration
/// argument of a sleep or timed wait, the descriptor of a read.
struct BlockingCall {
  llvm::StringRef Name;
  BlockKind Kind;
  std::optional<unsigned> Arg;
  TimeUnit Unit;
};

/// Waits, sleeps, joins and reads; queueCalls() has the library queues'
/// pops and pushes. findBlockingCall() looks in both.
llvm::ArrayRef<BlockingCall> blockingCalls();
llvm::ArrayRef<BlockingCall> queueCalls();
const BlockingCall *findBlockingCall(const FunctionDecl *F);

/// A library's blocking queue, whose pops (and pushes, when bounded) are
/// QueuePop (QueuePush) rows of queueCalls(). \p Shutdown is its method
/// that ends every blocked call (TBB's abort(), Boost's close()); empty if it
/// has none.
struct BlockingQueue {
  llvm::StringRef Class;
  llvm::StringRef Shutdown;
};

llvm::ArrayRef<BlockingQueue> blockingQueues();
const BlockingQueue *findBlockingQueue(const CXXRecordDecl *R);

/// Methods that wake the waiters of a condition variable.
llvm::ArrayRef<llvm::StringRef> conditionNotifiers();

/// The method of std::jthread and std::stop_source that requests a stop.
llvm::StringRef stopRequestMethod();

/// Calls that wait until a descriptor is ready: a read after one in the same
/// loop does not block.
llvm::ArrayRef<llvm::StringRef> readinessWaits();

/// Calls that return or fill in a socket or pipe descriptor (reads from
/// other descriptors, regular files, do not block for long).
llvm::ArrayRef<llvm::StringRef> descriptorSources();

/// Constants that make a descriptor or a read non-blocking, and the calls
/// that change a descriptor's mode.
llvm::ArrayRef<llvm::StringRef> nonBlockingMarkers();
llvm::ArrayRef<llvm::StringRef> descriptorModeSetters();

//===--- Locks and atomic access ------------------------------------------===//

/// RAII types that hold the mutexes given to their constructor.
llvm::ArrayRef<llvm::StringRef> lockGuardTypes();

/// C functions that lock the mutex given as their first argument, and the
/// method names that lock their object.
llvm::ArrayRef<llvm::StringRef> lockFunctions();
llvm::ArrayRef<llvm::StringRef> lockMethods();
/// Methods that assert the calling thread holds their object (a caller
/// took it): held from there on, like a lock.
llvm::ArrayRef<llvm::StringRef> heldAssertionMethods();
/// What releases what lockFunctions() and lockMethods() take.
llvm::ArrayRef<llvm::StringRef> unlockFunctions();
llvm::ArrayRef<llvm::StringRef> unlockMethods();

/// Calls and builtins that access a plain object atomically: C11 and GCC
/// atomic builtins, Interlocked* on Windows (matched by prefix).
llvm::ArrayRef<llvm::StringRef> atomicAccessPrefixes();

/// The std::atomic member that reads the value, and the header of
/// std::atomic.
llvm::StringRef atomicLoadMethod();
llvm::StringRef atomicHeader();

/// The atomic class templates, and their methods that write the value
/// (assignment aside).
llvm::ArrayRef<llvm::StringRef> atomicTypes();
llvm::ArrayRef<llvm::StringRef> atomicStoreMethods();

/// Types that make accesses to a plain object atomic (std::atomic_ref).
llvm::ArrayRef<llvm::StringRef> atomicRefTypes();

/// Typedefs meant for flags written by a signal handler on the same thread.
llvm::ArrayRef<llvm::StringRef> signalFlagTypedefs();

} // namespace clang::tidy::threadlife::model

#endif // THREADLIFE_CHECKS_THREADMODEL_H
