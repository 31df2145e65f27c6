//===--- TidyModuleRegistry.h - the one LLVM-version difference -*- C++ -*-===//
//
// clang-tidy's module registry moved from ClangTidyModuleRegistry.h (up to
// LLVM 21) into ClangTidyModule.h (LLVM 22 on; the old header is deprecated
// there and removed in 23). Everything that registers or enumerates modules
// includes this header instead of either.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_TIDYMODULEREGISTRY_H
#define THREADLIFE_CHECKS_TIDYMODULEREGISTRY_H

#include "llvm/Config/llvm-config.h"

#if LLVM_VERSION_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#endif // THREADLIFE_CHECKS_TIDYMODULEREGISTRY_H
