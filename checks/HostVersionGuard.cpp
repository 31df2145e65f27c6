//===--- HostVersionGuard.cpp - refuse a clang-tidy of another LLVM -------===//

#include "HostVersionGuard.h"
#include "llvm/Config/llvm-config.h"
#include <cstdio>
#include <dlfcn.h>
#include <unistd.h>

namespace clang::tidy::threadlife {

void refuseForeignHost() {
  // The host's libLLVM comes first in the global lookup scope, before the one
  // this library was linked against. A host that exports no LLVM C API
  // cannot be told apart and is trusted.
  using GetVersion = void (*)(unsigned *, unsigned *, unsigned *);
  auto *Get =
      reinterpret_cast<GetVersion>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!Get)
    return;
  unsigned Major = 0, Minor = 0, Patch = 0;
  Get(&Major, &Minor, &Patch);
  if (Major == LLVM_VERSION_MAJOR)
    return;
  std::fprintf(stderr,
               "threadlife: error: this plugin was built for clang-tidy %d and "
               "cannot run in clang-tidy %u; build it with "
               "-DTHREADLIFE_LLVM_VERSION=%u\n",
               LLVM_VERSION_MAJOR, Major, Major);
  std::fflush(stderr);
  ::_exit(1);
}

} // namespace clang::tidy::threadlife
