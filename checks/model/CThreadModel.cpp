//===--- CThreadModel.cpp - the C thread libraries, as data ---------------===//
//
// The tables of ThreadModel.h for the C thread APIs: POSIX threads, Win32,
// C11 <threads.h>, libuv, GLib and SDL. Each call is a row saying what it
// does to a handle and which of its arguments is the handle, the start
// routine and the start routine's argument.
//
//===----------------------------------------------------------------------===//

#include "ThreadModel.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::model {

llvm::ArrayRef<CThreadApi> cThreadApis() {
  using L = CThreadLibrary;
  static const CThreadApi Apis[] = {
      {L::Posix, "pthread_t", "pthread_join", "pthread_detach", true, false,
       false, ""},
      {L::Win32, "", "WaitForSingleObject", "CloseHandle", false, false, false,
       ""},
      {L::C11, "thrd_t", "thrd_join", "thrd_detach", true, false, false, ""},
      {L::Libuv, "uv_thread_t", "uv_thread_join", "uv_thread_detach", true,
       false, false, ""},
      {L::GLib, "", "g_thread_join", "g_thread_unref", false, true, true,
       "GThread"},
      {L::SDL, "", "SDL_WaitThread", "SDL_DetachThread", true, true, false,
       "SDL_Thread"},
  };
  return Apis;
}

const CThreadApi &cThreadApi(CThreadLibrary Library) {
  return *llvm::find_if(cThreadApis(), [&](const CThreadApi &Api) {
    return Api.Library == Library;
  });
}

llvm::ArrayRef<llvm::StringRef> filledHandleTypes() {
  static const llvm::StringRef Types[] = {"pthread_t", "thrd_t", "uv_thread_t"};
  return Types;
}

namespace {
using Op = HandleOp;
using L = CThreadLibrary;

HandleFunction create(llvm::StringRef Name, L Library, unsigned Handle,
                      unsigned Start, unsigned Context,
                      std::optional<unsigned> Attr = std::nullopt) {
  return {Name, Op::CreateIntoArg, Library, Handle, Start, Context, Attr};
}

HandleFunction createResult(llvm::StringRef Name, L Library, unsigned Start,
                            unsigned Context) {
  return {Name, Op::CreateResult, Library, 0, Start, Context};
}

HandleFunction call(llvm::StringRef Name, Op Operation, L Library,
                    unsigned Handle = 0) {
  return {Name, Operation, Library, Handle};
}
} // namespace

llvm::ArrayRef<HandleFunction> handleFunctions() {
  static const HandleFunction Functions[] = {
      create("pthread_create", L::Posix, 0, 2, 3, /*Attr=*/1),
      call("pthread_join", Op::Join, L::Posix),
      call("pthread_detach", Op::Detach, L::Posix),
      call("pthread_tryjoin_np", Op::MaybeJoin, L::Posix),
      call("pthread_timedjoin_np", Op::MaybeJoin, L::Posix),
      call("pthread_clockjoin_np", Op::MaybeJoin, L::Posix),
      call("pthread_setname_np", Op::Inert, L::Posix),
      call("pthread_getname_np", Op::Inert, L::Posix),
      call("pthread_equal", Op::Inert, L::Posix),
      call("pthread_setschedparam", Op::Inert, L::Posix),
      call("pthread_getschedparam", Op::Inert, L::Posix),
      call("pthread_setschedprio", Op::Inert, L::Posix),
      call("pthread_setaffinity_np", Op::Inert, L::Posix),
      call("pthread_getaffinity_np", Op::Inert, L::Posix),
      call("pthread_getattr_np", Op::Inert, L::Posix),
      call("pthread_getcpuclockid", Op::Inert, L::Posix),
      call("pthread_kill", Op::Inert, L::Posix),
      call("pthread_cancel", Op::Inert, L::Posix),
      createResult("CreateThread", L::Win32, 2, 3),
      createResult("_beginthreadex", L::Win32, 2, 3),
      call("WaitForSingleObject", Op::Join, L::Win32),
      call("WaitForSingleObjectEx", Op::Join, L::Win32),
      call("WaitForMultipleObjects", Op::Join, L::Win32, 1),
      call("WaitForMultipleObjectsEx", Op::Join, L::Win32, 1),
      call("MsgWaitForMultipleObjects", Op::Join, L::Win32, 1),
      call("MsgWaitForMultipleObjectsEx", Op::Join, L::Win32, 1),
      call("CloseHandle", Op::Detach, L::Win32),
      call("SetThreadPriority", Op::Inert, L::Win32),
      call("GetThreadPriority", Op::Inert, L::Win32),
      call("GetThreadId", Op::Inert, L::Win32),
      call("ResumeThread", Op::Inert, L::Win32),
      call("SuspendThread", Op::Inert, L::Win32),
      call("TerminateThread", Op::Inert, L::Win32),
      call("SetThreadDescription", Op::Inert, L::Win32),
      call("GetExitCodeThread", Op::Inert, L::Win32),
      call("SetThreadAffinityMask", Op::Inert, L::Win32),
      create("thrd_create", L::C11, 0, 1, 2),
      call("thrd_join", Op::Join, L::C11),
      call("thrd_detach", Op::Detach, L::C11),
      call("thrd_equal", Op::Inert, L::C11),
      create("uv_thread_create", L::Libuv, 0, 1, 2),
      create("uv_thread_create_ex", L::Libuv, 0, 2, 3),
      call("uv_thread_join", Op::Join, L::Libuv),
      call("uv_thread_detach", Op::Detach, L::Libuv),
      call("uv_thread_equal", Op::Inert, L::Libuv),
      call("uv_thread_setaffinity", Op::Inert, L::Libuv),
      call("uv_thread_getaffinity", Op::Inert, L::Libuv),
      call("uv_thread_setpriority", Op::Inert, L::Libuv),
      call("uv_thread_getpriority", Op::Inert, L::Libuv),
      createResult("g_thread_new", L::GLib, 1, 2),
      createResult("g_thread_try_new", L::GLib, 1, 2),
      call("g_thread_join", Op::Join, L::GLib),
      call("g_thread_unref", Op::Detach, L::GLib),
      createResult("SDL_CreateThread", L::SDL, 0, 2),
      createResult("SDL_CreateThreadWithStackSize", L::SDL, 0, 3),
      call("SDL_WaitThread", Op::Join, L::SDL),
      call("SDL_DetachThread", Op::Detach, L::SDL),
      call("SDL_GetThreadID", Op::Inert, L::SDL),
      call("SDL_GetThreadName", Op::Inert, L::SDL),
  };
  return Functions;
}

std::vector<llvm::StringRef> handleFunctionNames(HandleOp Operation) {
  std::vector<llvm::StringRef> Names;
  for (const HandleFunction &F : handleFunctions())
    if (F.Op == Operation)
      Names.push_back(F.Name);
  return Names;
}

std::vector<llvm::StringRef> detachFunctionNames() {
  std::vector<llvm::StringRef> Names;
  for (const HandleFunction &F : handleFunctions())
    if (F.Op == Op::Detach && cThreadApi(F.Library).ReleaseDetaches)
      Names.push_back(F.Name);
  return Names;
}

llvm::ArrayRef<llvm::StringRef> currentThreadFunctions() {
  static const llvm::StringRef Functions[] = {"pthread_self", "thrd_current"};
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> zeroingAllocationFunctions() {
  static const llvm::StringRef Functions[] = {"calloc", "g_malloc0",
                                              "g_malloc0_n"};
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> freeFunctions() {
  static const llvm::StringRef Functions[] = {"free", "g_free"};
  return Functions;
}

} // namespace clang::tidy::threadlife::model
