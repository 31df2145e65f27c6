//===--- TidyVersion.h - clang-tidy API across LLVM versions ----*- C++ -*-===//
//
// The driver's only dependence on the LLVM version: clang-tidy's library
// calls whose signatures changed between the versions threadlife supports.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_TIDYVERSION_H
#define THREADLIFE_TOOL_TIDYVERSION_H

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Config/llvm-config.h"
#include <memory>

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

/// The diagnostics engine through which a ClangTidyContext reports to a
/// consumer, for as long as this object lives. (From LLVM 21 the context owns
/// the engine's options.)
class TidyDiagnostics {
public:
  TidyDiagnostics(clang::tidy::ClangTidyContext &Context,
                  clang::DiagnosticConsumer &Consumer) {
#if LLVM_VERSION_MAJOR >= 21
    auto Options = std::make_unique<clang::DiagnosticOptions>();
    Engine = std::make_unique<clang::DiagnosticsEngine>(
        llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), *Options, &Consumer,
        /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(std::move(Options), Engine.get());
#else
    Engine = std::make_unique<clang::DiagnosticsEngine>(
        llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(),
        llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>(), &Consumer,
        /*ShouldOwnClient=*/false);
    Context.setDiagnosticsEngine(Engine.get());
#endif
  }

private:
  std::unique_ptr<clang::DiagnosticsEngine> Engine;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_TIDYVERSION_H
