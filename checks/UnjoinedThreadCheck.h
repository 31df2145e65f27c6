//===--- UnjoinedThreadCheck.h - threadlife ---------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UNJOINEDTHREADCHECK_H
#define THREADLIFE_CHECKS_UNJOINEDTHREADCHECK_H

#include "HandleCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::threadlife {

/// Finds thread handles that may reach the end of their life still joinable,
/// where a std::thread calls std::terminate: locals on some path or
/// exception, temporaries, assignments over a running thread, members the
/// destructor never joins, containers and static threads, and pthread and
/// Win32 threads never joined, detached or closed.
///
/// For the user-facing documentation see docs/checks/unjoined-thread.md.
class UnjoinedThreadCheck : public HandleCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  class Leaks;
  struct Leak;

private:
  void checkFunction(const FunctionDecl *FD);
  void reportOverwrites(const Leaks &Found);
  void reportDestruction(const ValueDecl *Handle, const Expr *Where,
                         const Stmt *Start);
  static bool endsWithProcess(const Leak &L, const FunctionDecl &FD);
  bool joinsWhenDestroyed(const ValueDecl *Handle);
  void reportLeak(const Leaks &Found, const Leak &L, const FunctionDecl *FD);
  void reportHandleLeak(const Leak &L);
  void reportTerminatingLeak(const Leaks &Found, const Leak &L,
                             const FunctionDecl *FD);
  void story(const Leak &L, llvm::StringRef Started, llvm::StringRef Leaves);
  void checkClass(const CXXRecordDecl *Record);
  void checkMember(const CXXRecordDecl *Record, const FieldDecl *Field);
  /// How the destructor leaves a member running: on some path, or (Guard)
  /// on a branch on flags the thread itself writes; and where it destroys
  /// the thread object of a pointer member while that may run.
  struct DestructorLeak {
    bool LeavesRunning = true;
    const Expr *Guard = nullptr;
    llvm::SmallPtrSet<const FieldDecl *, 4> GuardFlags;
    std::vector<const Expr *> Destroyed;
  };
  std::optional<DestructorLeak>
  destructorLeak(const CXXRecordDecl *Record, const FieldDecl *Field,
                 llvm::ArrayRef<const Expr *> Starts);
  void reportMember(const CXXRecordDecl *Record, const FieldDecl *Field,
                    const model::ThreadClass &Class, bool IsContainer,
                    const Expr *Start, const DestructorLeak &Leak);
  bool leavesRunning(const CXXRecordDecl *Record, const FieldDecl *Field,
                     const Expr *Start);
  void checkRestarts(const CXXRecordDecl *Record, const FieldDecl *Field,
                     llvm::ArrayRef<const Expr *> Starts);
  bool constructorThrows(const CXXRecordDecl *Record, const FieldDecl *Field,
                         bool IsContainer);
  void checkTemporary(const CXXConstructExpr *Construct);
  void checkStatic(const VarDecl *Var);
  void checkDiscardedCreate(const CallExpr *Call);
  void checkStoredCreate(const CallExpr *Create);
  std::optional<FixItHint> jthreadFix(const VarDecl *Var,
                                      const FunctionDecl *FD);

  const bool CheckExceptionPaths;
  const bool ExceptionPathsFromAnyCall;
  llvm::DenseSet<const Decl *> Done;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UNJOINEDTHREADCHECK_H
