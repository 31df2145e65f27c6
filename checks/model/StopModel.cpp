//===--- StopModel.cpp - how threads are asked to stop, and what blocks ---===//
//
// The tables of ThreadModel.h that say how a stop request reaches a thread
// (stop tokens and their observers), which calls block, and which locks and
// accesses synchronise.
//
//===----------------------------------------------------------------------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife::model {
//===--- Stop tokens and stop observers -----------------------------------===//

llvm::ArrayRef<llvm::StringRef> stopTokenTypes() {
  static const llvm::StringRef Types[] = {"::std::stop_token",
                                          "::threadlife::stop_token"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> stopCallbackTypes() {
  static const llvm::StringRef Types[] = {"::std::stop_callback",
                                          "::threadlife::stop_callback"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> stopObservers() {
  static const llvm::StringRef Observers[] = {
      "::std::stop_token::stop_requested",
      "::threadlife::stop_token::stop_requested",
      "::std::stop_source::stop_requested",
      "::threadlife::stop_source::stop_requested",
      // The shim's lifecycle sources (deadline.hpp, stop_cause.hpp, scope.hpp).
      "::threadlife::stop_source_with_cause::stop_requested",
      "::threadlife::linked_stop_source::stop_requested",
      "::threadlife::deadline_source::stop_requested",
      "::threadlife::thread_scope::stop_requested",
      "::threadlife::stop_cause",
      "::boost::this_thread::interruption_point",
      "::boost::this_thread::interruption_requested",
      "::boost::this_thread::sleep",
      "::boost::this_thread::sleep_for",
      "::boost::this_thread::sleep_until",
      "::boost::condition_variable::wait",
      "::boost::condition_variable::timed_wait",
      "::boost::condition_variable::wait_for",
      "::boost::condition_variable::wait_until",
      "::boost::condition_variable_any::wait",
      "::boost::condition_variable_any::timed_wait",
      "::boost::condition_variable_any::wait_for",
      "::boost::condition_variable_any::wait_until",
      "::boost::thread::join",
      "::boost::thread::timed_join",
      "::boost::thread::try_join_for",
      "::boost::thread::try_join_until",
      "::QThread::isInterruptionRequested",
  };
  return Observers;
}

llvm::ArrayRef<llvm::StringRef> stopAwareWaits() {
  static const llvm::StringRef Waits[] = {
      "::std::condition_variable_any::wait",
      "::std::condition_variable_any::wait_for",
      "::std::condition_variable_any::wait_until",
      "::threadlife::condition_variable_any::wait",
      "::threadlife::condition_variable_any::wait_for",
      "::threadlife::condition_variable_any::wait_until",
      "::threadlife::sleep_for",
      "::threadlife::sleep_until",
      "::threadlife::wait_readable",
      "::threadlife::wait_writable",
      // The shim's child processes (process.hpp): a stop request kills the
      // child.
      "::threadlife::run_in_process",
      "::threadlife::run_command",
  };
  return Waits;
}

llvm::ArrayRef<llvm::StringRef> stoppableThreadNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      if (Class.Stop != StopChannel::None)
        Names.push_back(Class.Name);
    return Names;
  }();
  return Names;
}

const ThreadClass *findStoppableThread(QualType T) {
  const CXXRecordDecl *Record = classOf(T);
  for (const ThreadClass &Class : threadClasses())
    if (Class.Stop != StopChannel::None && isOneOf(Record, {Class.Name}))
      return &Class;
  return nullptr;
}

llvm::ArrayRef<StoppableSpawn> stoppableSpawns() {
  static const StoppableSpawn Spawns[] = {
      {"::threadlife::thread_scope::spawn", 0},
      {"::threadlife::daemon", 1},
  };
  return Spawns;
}

llvm::StringRef qtThreadClass() { return "::QThread"; }
llvm::StringRef qtThreadBodyMethod() { return "run"; }

//===--- Blocking calls ---------------------------------------------------===//

llvm::ArrayRef<BlockingCall> blockingCalls() {
  using BK = BlockKind;
  using TU = TimeUnit;
  static const BlockingCall Calls[] = {
      {"::std::condition_variable::wait", BK::ConditionWait, {}, TU::Chrono},
      {"::std::condition_variable::wait_for", BK::ConditionTimedWait, 1,
       TU::Chrono},
      {"::std::condition_variable_any::wait",
       BK::ConditionWait,
       {},
       TU::Chrono},
      {"::std::condition_variable_any::wait_for", BK::ConditionTimedWait, 1,
       TU::Chrono},
      {"::threadlife::condition_variable_any::wait",
       BK::ConditionWait,
       {},
       TU::Chrono},
      {"::threadlife::condition_variable_any::wait_for", BK::ConditionTimedWait,
       1, TU::Chrono},
      {"::std::this_thread::sleep_for", BK::Sleep, 0, TU::Chrono},
      {"::sleep", BK::Sleep, 0, TU::Seconds},
      {"::usleep", BK::Sleep, 0, TU::Microseconds},
      {"::QThread::sleep", BK::Sleep, 0, TU::Seconds},
      {"::QThread::msleep", BK::Sleep, 0, TU::Milliseconds},
      {"::QThread::usleep", BK::Sleep, 0, TU::Microseconds},
      {"::Sleep", BK::Sleep, 0, TU::Milliseconds},
      {"::uv_sleep", BK::Sleep, 0, TU::Milliseconds},
      {"::g_usleep", BK::Sleep, 0, TU::Microseconds},
      {"::SDL_Delay", BK::Sleep, 0, TU::Milliseconds},
      {"::Poco::Thread::sleep", BK::Sleep, 0, TU::Milliseconds},
      {"::std::future::wait", BK::FutureWait, {}, TU::Chrono},
      {"::std::future::get", BK::FutureWait, {}, TU::Chrono},
      {"::std::shared_future::wait", BK::FutureWait, {}, TU::Chrono},
      {"::std::shared_future::get", BK::FutureWait, {}, TU::Chrono},
      {"::std::thread::join", BK::Join, {}, TU::Chrono},
      {"::std::jthread::join", BK::Join, {}, TU::Chrono},
      // The shim's jthread (join_for/join_until take a deadline: not listed).
      {"::threadlife::jthread::join", BK::Join, {}, TU::Chrono},
      {"::pthread_join", BK::Join, {}, TU::Chrono},
      {"::thrd_join", BK::Join, {}, TU::Chrono},
      {"::uv_thread_join", BK::Join, {}, TU::Chrono},
      {"::g_thread_join", BK::Join, {}, TU::Chrono},
      {"::SDL_WaitThread", BK::Join, {}, TU::Chrono},
      {"::Poco::Thread::join", BK::Join, {}, TU::Chrono},
      {"::read", BK::DescriptorRead, 0, TU::Chrono},
      {"::recv", BK::DescriptorRead, 0, TU::Chrono},
      {"::recvfrom", BK::DescriptorRead, 0, TU::Chrono},
      {"::recvmsg", BK::DescriptorRead, 0, TU::Chrono},
      {"::accept", BK::DescriptorRead, 0, TU::Chrono},
      {"::accept4", BK::DescriptorRead, 0, TU::Chrono},
  };
  return Calls;
}

// The blocking pops and pushes of library queues (blockingQueues()); their
// timed and try_ forms are not listed.
llvm::ArrayRef<BlockingCall> queueCalls() {
  using BK = BlockKind;
  using TU = TimeUnit;
  static const BlockingCall Calls[] = {
      {"::tbb::detail::d2::concurrent_bounded_queue::pop",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::tbb::detail::d2::concurrent_bounded_queue::push",
       BK::QueuePush,
       {},
       TU::Chrono},
      {"::tbb::detail::d2::concurrent_bounded_queue::emplace",
       BK::QueuePush,
       {},
       TU::Chrono},
      {"::tbb::concurrent_bounded_queue::pop", BK::QueuePop, {}, TU::Chrono},
      {"::tbb::concurrent_bounded_queue::push", BK::QueuePush, {}, TU::Chrono},
      {"::boost::concurrent::sync_queue::pull", BK::QueuePop, {}, TU::Chrono},
      {"::boost::concurrent::sync_queue::wait_pull",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::boost::concurrent::sync_bounded_queue::pull",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::boost::concurrent::sync_bounded_queue::wait_pull",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::boost::concurrent::sync_bounded_queue::push",
       BK::QueuePush,
       {},
       TU::Chrono},
      {"::boost::concurrent::sync_bounded_queue::wait_push",
       BK::QueuePush,
       {},
       TU::Chrono},
      {"::moodycamel::BlockingConcurrentQueue::wait_dequeue",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::moodycamel::BlockingReaderWriterQueue::wait_dequeue",
       BK::QueuePop,
       {},
       TU::Chrono},
      {"::folly::MPMCQueue::blockingRead", BK::QueuePop, {}, TU::Chrono},
      {"::folly::MPMCQueue::blockingWrite", BK::QueuePush, {}, TU::Chrono},
  };
  return Calls;
}

llvm::ArrayRef<BlockingQueue> blockingQueues() {
  static const BlockingQueue Queues[] = {
      {"::tbb::detail::d2::concurrent_bounded_queue", "abort"},
      {"::tbb::concurrent_bounded_queue", "abort"},
      {"::boost::concurrent::sync_queue", "close"},
      {"::boost::concurrent::sync_bounded_queue", "close"},
      {"::moodycamel::BlockingConcurrentQueue", ""},
      {"::moodycamel::BlockingReaderWriterQueue", ""},
      {"::folly::MPMCQueue", ""},
  };
  return Queues;
}

const BlockingQueue *findBlockingQueue(const CXXRecordDecl *R) {
  if (!R || !R->getIdentifier())
    return nullptr;
  for (const BlockingQueue &Queue : blockingQueues())
    if (Queue.Class.ends_with(R->getName()) && isOneOf(R, {Queue.Class}))
      return &Queue;
  return nullptr;
}

const BlockingCall *findBlockingCall(const FunctionDecl *F) {
  if (!F || !F->getIdentifier())
    return nullptr;
  std::string Name;
  for (llvm::ArrayRef<BlockingCall> Table : {blockingCalls(), queueCalls()})
    for (const BlockingCall &Call : Table) {
      if (!Call.Name.ends_with(F->getName()))
        continue;
      if (Name.empty())
        Name = "::" + qualifiedName(F);
      if (Call.Name == Name)
        return &Call;
    }
  return nullptr;
}

llvm::ArrayRef<llvm::StringRef> conditionNotifiers() {
  static const llvm::StringRef Notifiers[] = {"notify_one", "notify_all",
                                              "wakeOne", "wakeAll"};
  return Notifiers;
}

llvm::StringRef stopRequestMethod() { return "request_stop"; }

llvm::ArrayRef<llvm::StringRef> readinessWaits() {
  static const llvm::StringRef Waits[] = {"::poll",
                                          "::ppoll",
                                          "::select",
                                          "::pselect",
                                          "::epoll_wait",
                                          "::epoll_pwait",
                                          "::threadlife::wait_readable"};
  return Waits;
}

llvm::ArrayRef<llvm::StringRef> descriptorSources() {
  static const llvm::StringRef Sources[] = {
      "::socket", "::accept", "::accept4", "::pipe", "::pipe2", "::socketpair"};
  return Sources;
}

llvm::ArrayRef<llvm::StringRef> nonBlockingMarkers() {
  static const llvm::StringRef Markers[] = {
      "O_NONBLOCK", "SOCK_NONBLOCK", "MSG_DONTWAIT", "FIONBIO", "O_NDELAY"};
  return Markers;
}

llvm::ArrayRef<llvm::StringRef> descriptorModeSetters() {
  static const llvm::StringRef Setters[] = {"::fcntl", "::ioctl",
                                            "::setsockopt"};
  return Setters;
}

//===--- Locks and atomic access ------------------------------------------===//

llvm::ArrayRef<llvm::StringRef> lockGuardTypes() {
  static const llvm::StringRef Guards[] = {
      "::std::lock_guard",    "::std::unique_lock",    "::std::scoped_lock",
      "::std::shared_lock",   "::boost::lock_guard",   "::boost::unique_lock",
      "::boost::shared_lock", "::boost::upgrade_lock", "::QMutexLocker",
      "::QReadLocker",        "::QWriteLocker",        "::Poco::ScopedLock",
  };
  return Guards;
}

llvm::ArrayRef<llvm::StringRef> lockFunctions() {
  static const llvm::StringRef Functions[] = {
      "::pthread_mutex_lock",    "::pthread_rwlock_rdlock",
      "::pthread_rwlock_wrlock", "::pthread_spin_lock",
      "::EnterCriticalSection",  "::AcquireSRWLockExclusive",
      "::AcquireSRWLockShared",  "::mtx_lock",
      "::uv_mutex_lock",         "::uv_rwlock_rdlock",
      "::uv_rwlock_wrlock",      "::g_mutex_lock",
      "::g_rec_mutex_lock",      "::SDL_LockMutex",
  };
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> lockMethods() {
  static const llvm::StringRef Methods[] = {
      "lock", "lock_shared", "lockForRead", "lockForWrite",
      "Lock", "ReaderLock",  "WriterLock",
  };
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> unlockFunctions() {
  static const llvm::StringRef Functions[] = {
      "::pthread_mutex_unlock",
      "::pthread_rwlock_unlock",
      "::pthread_spin_unlock",
      "::LeaveCriticalSection",
      "::ReleaseSRWLockExclusive",
      "::ReleaseSRWLockShared",
      "::mtx_unlock",
      "::uv_mutex_unlock",
      "::uv_rwlock_rdunlock",
      "::uv_rwlock_wrunlock",
      "::g_mutex_unlock",
      "::g_rec_mutex_unlock",
      "::SDL_UnlockMutex",
  };
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> heldAssertionMethods() {
  static const llvm::StringRef Methods[] = {"AssertHeld", "assertHeld",
                                            "AssertReaderHeld"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> unlockMethods() {
  static const llvm::StringRef Methods[] = {
      "unlock", "unlock_shared", "Unlock", "ReaderUnlock", "WriterUnlock",
  };
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> atomicAccessPrefixes() {
  static const llvm::StringRef Prefixes[] = {"__atomic_",     "__sync_",
                                             "__c11_atomic_", "atomic_",
                                             "Interlocked",   "_Interlocked"};
  return Prefixes;
}

llvm::ArrayRef<llvm::StringRef> atomicTypes() {
  static const llvm::StringRef Types[] = {"::std::atomic", "::boost::atomic"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> atomicStoreMethods() {
  static const llvm::StringRef Methods[] = {"store", "exchange"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> atomicRefTypes() {
  static const llvm::StringRef Types[] = {"::std::atomic_ref",
                                          "::boost::atomic_ref"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> signalFlagTypedefs() {
  static const llvm::StringRef Typedefs[] = {"sig_atomic_t"};
  return Typedefs;
}

} // namespace clang::tidy::threadlife::model
