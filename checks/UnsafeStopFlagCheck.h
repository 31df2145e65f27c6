//===--- UnsafeStopFlagCheck.h - threadlife ---------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UNSAFESTOPFLAGCHECK_H
#define THREADLIFE_CHECKS_UNSAFESTOPFLAGCHECK_H

#include "StopFlags.h"
#include "ThreadBodies.h"
#include "ThreadTypesOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::threadlife {

/// Finds stop flags that one thread's loop polls and another function writes
/// without synchronization: plain or volatile bools and integers, neither
/// atomic nor accessed under one mutex.
///
/// For the user-facing documentation see docs/checks/unsafe-stop-flag.md.
class UnsafeStopFlagCheck : public ClangTidyCheck {
public:
  UnsafeStopFlagCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void report(const ValueDecl &Flag, llvm::ArrayRef<FlagPoll> Polls,
              llvm::ArrayRef<FlagWrite> Writers);
  /// The edits that make \p Flag \p Atomic, the include among them; empty
  /// when one of its uses would not compile.
  std::vector<FixItHint> atomicFix(const ValueDecl &Flag,
                                   llvm::StringRef Atomic);

  ThreadTypesOption Types;
  ThreadBodies Bodies;
  utils::IncludeInserter Inserter;
  llvm::DenseSet<FileID> IncludesAtomic;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UNSAFESTOPFLAGCHECK_H
