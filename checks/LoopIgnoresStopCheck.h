//===--- LoopIgnoresStopCheck.h - threadlife --------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_LOOPIGNORESSTOPCHECK_H
#define THREADLIFE_CHECKS_LOOPIGNORESSTOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "model/ThreadModel.h"
#include "llvm/ADT/MapVector.h"
#include <string>
#include <vector>

namespace clang::tidy::threadlife {

class StopAnalysis;

/// Finds loops in stoppable thread bodies (a jthread's callable, a function
/// taking a stop token, a boost::thread body, QThread::run) that can run
/// forever without observing a stop request, and stop token parameters that
/// are never used.
///
/// For the user-facing documentation see docs/checks/loop-ignores-stop.md.
class LoopIgnoresStopCheck : public ClangTidyCheck {
public:
  LoopIgnoresStopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  /// A function a stop request should reach, and how it is started.
  struct Body {
    model::StopChannel Channel = model::StopChannel::Token;
    /// The self-joining thread that runs it, and where, when seen.
    const model::ThreadClass *Thread = nullptr;
    const Expr *Start = nullptr;
    /// The lambda written at the start, which a fix-it may edit.
    const LambdaExpr *Lambda = nullptr;
  };

  void addBody(const FunctionDecl *F, Body B);
  bool observesEveryRound(const Stmt &Loop, StopAnalysis &Analysis) const;
  void analyse(const FunctionDecl &F, const Body &B);
  void reportLoop(const Stmt &Loop, const Body &B, const ParmVarDecl *Token,
                  bool TokenUnused);
  void reportTokenless(const Stmt &Loop, const Body &B);
  /// The edits that give the lambda \p Lambda a stop token and make \p Loop
  /// check it; empty where that is not safe.
  llvm::SmallVector<FixItHint, 2> tokenFix(const Stmt &Loop,
                                           const LambdaExpr *Lambda,
                                           llvm::StringRef Spelling) const;

  const std::string RawStopObservers;
  std::vector<std::string> StopObservers;
  llvm::MapVector<const FunctionDecl *, Body> Bodies;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_LOOPIGNORESSTOPCHECK_H
