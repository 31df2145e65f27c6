//===--- DetachedThreadCheck.h - threadlife ---------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_DETACHEDTHREADCHECK_H
#define THREADLIFE_CHECKS_DETACHEDTHREADCHECK_H

#include "HandleCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::threadlife {

/// Finds detached threads whose callable can reach the caller's stack or
/// object after the caller returns — a lambda capturing locals by reference
/// or 'this', std::ref arguments, the address of a local passed to
/// pthread_create — and, with StrictMode, every detach.
///
/// For the user-facing documentation see docs/checks/detached-thread.md.
class DetachedThreadCheck : public HandleCheck {
public:
  DetachedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkFunction(const FunctionDecl *FD);
  /// Reports \p Detach if the thread started at \p Start can reach the
  /// caller's frame; returns whether it did.
  bool checkStart(const Expr *Detach, const Expr *Start);
  void strict(const Expr *Detach);

  const bool StrictMode;
  llvm::DenseSet<const FunctionDecl *> Done;
  llvm::DenseSet<const Expr *> Reported;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_DETACHEDTHREADCHECK_H
