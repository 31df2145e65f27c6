//===--- ForcedKillCheck.h - threadlife -------------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_FORCEDKILLCHECK_H
#define THREADLIFE_CHECKS_FORCEDKILLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::threadlife {

/// Finds calls that stop a thread by force (pthread_cancel, asynchronous
/// cancellation, pthread_kill with an ending signal or one whose handler ends
/// the thread, TerminateThread,
/// SuspendThread, QThread::terminate, PyThreadState_SetAsyncExc, and thread
/// exits that skip destructors), which leave locks held and state corrupt.
///
/// For the user-facing documentation see docs/checks/forced-kill.md.
class ForcedKillCheck : public ClangTidyCheck {
public:
  ForcedKillCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkCall(const CallExpr *Call, const FunctionDecl *Callee,
                 ASTContext &Ctx);
  void checkCancel(const CallExpr *Call, ASTContext &Ctx);
  void checkSignal(const CallExpr *Call, ASTContext &Ctx);
  std::optional<llvm::StringRef> endingSignal(int64_t Signal, ASTContext &Ctx);
  /// Kills of another thread end with the one safe forced kill.
  void noteKillableAlternative(SourceLocation Loc);

  Preprocessor *PP = nullptr;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_FORCEDKILLCHECK_H
