//===--- InvalidJoinCheck.h - threadlife ------------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_INVALIDJOINCHECK_H
#define THREADLIFE_CHECKS_INVALIDJOINCHECK_H

#include "HandleCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::threadlife {

/// Finds joins and detaches of a thread that may not be joinable on some
/// path — already joined, already detached, moved from, or never started —
/// which throw std::system_error (std::thread) or are undefined behaviour
/// (pthread_join, pthread_detach, a closed Win32 handle).
///
/// For the user-facing documentation see docs/checks/invalid-join.md.
class InvalidJoinCheck : public HandleCheck {
public:
  InvalidJoinCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// A join or detach of a handle in the state Prior, which PriorEvent gave.
  struct BadJoin {
    handles::TrackedHandle Handle;
    const Expr *Call;
    bool IsDetach;
    handles::HandleState Prior;
    const Stmt *PriorEvent;
  };

private:
  void checkFunction(const FunctionDecl *FD);
  void checkReceiver(const VarDecl *Var);
  void checkDestructor(const CXXDestructorDecl *Dtor);
  const CXXConstructorDecl *emptyConstructor(const CXXRecordDecl *Record,
                                             const FieldDecl *Field);
  std::vector<BadJoin> badJoins(const FunctionDecl *FD,
                                const handles::WalkOptions &Walk);
  void walk(const FunctionDecl *FD, const handles::WalkOptions &Walk);
  void report(const BadJoin &Bad);
  bool diagnose(const BadJoin &Bad, const char *Prior, bool Win32);
  /// Notes a create whose start routine detaches the thread it starts.
  bool noteSelfDetach(const BadJoin &Bad);

  llvm::DenseSet<const FunctionDecl *> Done;
  llvm::DenseSet<const Expr *> Reported;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_INVALIDJOINCHECK_H
