//===--- BlockingWaitIgnoresStopCheck.h - threadlife ------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H
#define THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "model/ThreadModel.h"
#include "utils/QueueWaits.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace clang::tidy::threadlife {

/// Finds calls that block without observing a stop request (condition
/// variable waits without the token, long sleeps, future and thread waits,
/// blocking reads, pops from queues that a stop does not wake) inside loops
/// that do observe one, so the stop waits for the call.
///
/// For the user-facing documentation see
/// docs/checks/blocking-wait-ignores-stop.md.
class BlockingWaitIgnoresStopCheck : public ClangTidyCheck {
public:
  BlockingWaitIgnoresStopCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

private:
  void analyseLoop(const Stmt &Loop, const Stmt &Observation,
                   const Stmt &OwnerBody);
  void checkCall(const CallExpr &Call, const Stmt &Loop,
                 const Stmt &Observation, const Stmt &OwnerBody);
  bool readBlocks(const CallExpr &Call, unsigned FdArg, const Stmt &Loop);
  struct IgnoredStop;
  std::optional<IgnoredStop> ignoredStop(const CallExpr &Call,
                                         const model::BlockingCall &Blocking,
                                         const Stmt &Loop,
                                         const Stmt &OwnerBody);
  bool wokenOnStop(const CallExpr &Call, const Stmt &OwnerBody);
  std::optional<IgnoredStop> calleeWait(const CXXMemberCallExpr &Call,
                                        const Stmt &OwnerBody);

  const unsigned MaxSleep;
  const std::string RawStopObservers;
  const std::string RawBlockingFunctions;
  std::vector<std::string> StopObservers;
  std::vector<std::string> BlockingFunctions;

  /// Loops that observe a stop request, with the observation and the body
  /// of the function around them.
  struct ObservingLoop {
    const Stmt *Observation;
    const Stmt *OwnerBody;
  };
  llvm::MapVector<const Stmt *, ObservingLoop> Loops;
  /// What stop callbacks wake: condition variables they notify, functions
  /// they are registered in.
  llvm::SmallPtrSet<const ValueDecl *, 4> NotifiedOnStop;
  llvm::SmallPtrSet<const Stmt *, 4> BodiesWithStopCallback;
  /// Descriptors that are sockets or pipes, and those made non-blocking.
  llvm::SmallPtrSet<const ValueDecl *, 8> Sockets;
  llvm::SmallPtrSet<const ValueDecl *, 8> NonBlocking;
  llvm::SmallPtrSet<const CallExpr *, 8> Reported;
  /// Queues a stop cannot wake; lives while a translation unit's loops are
  /// analysed.
  std::optional<QueueWaits> Waits;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H
