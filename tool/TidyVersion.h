//===--- TidyVersion.h - clang-tidy API across LLVM versions ----*- C++ -*-===//
//
// The driver's only dependence on the LLVM version: clang-tidy's library
// calls whose signatures changed between the versions threadlife supports.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_TIDYVERSION_H
#define THREADLIFE_TOOL_TIDYVERSION_H

#include "clang-tidy/ClangTidy.h"
#include "llvm/Config/llvm-config.h"

namespace threadlife {

/// The checks that \p Options enable (no alpha analyzer checks).
inline std::vector<std::string>
enabledCheckNames(const clang::tidy::ClangTidyOptions &Options) {
#if LLVM_VERSION_MAJOR >= 22
  return clang::tidy::getCheckNames(Options, false,
                                    /*ExperimentalCustomChecks=*/false);
#else
  return clang::tidy::getCheckNames(Options, false);
#endif
}

} // namespace threadlife

#endif // THREADLIFE_TOOL_TIDYVERSION_H
