//===--- BlockingWaitIgnoresStopCheck.h - threadlife ------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H
#define THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H

#include "ThreadBodies.h"
#include "ThreadTypesOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "model/ThreadModel.h"
#include "utils/CalleeClosure.h"
#include "utils/FlagUses.h"
#include "utils/QueueWaits.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <string>
#include <vector>

namespace clang::tidy::threadlife {

/// Finds calls that block without observing a stop request (condition
/// variable waits without the token, long sleeps, future and thread waits,
/// blocking reads, pops from queues that a stop does not wake) inside loops
/// that do observe one, or that a stop flag decides, so the stop waits for
/// the call.
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
  /// A loop that observes a stop request or is decided by a stop flag: the
  /// observation (the flag's read), the function around it and its body and,
  /// for a flag, the flag, the writes that stop the loop and the code
  /// around them (the writing functions and the functions of the file they
  /// call).
  struct ObservingLoop {
    const Stmt *Observation;
    const FunctionDecl *Owner;
    const Stmt *OwnerBody;
    const ValueDecl *Flag = nullptr;
    std::vector<FlagWrite> Writers;
    FunctionSet WriterCode;
  };
  /// What a blocking call in a loop that checks for a stop does wrong.
  struct IgnoredStop {
    llvm::StringRef Message; // %0: the call, %1: how long
    std::optional<double> Millis;
    std::string Fix;
    const CallExpr *Inner = nullptr; // the wait inside the call, if not itself
    /// For a wait that can miss the stop: where the stop is made without the
    /// wait's mutex, and the note that says so.
    const Expr *Unguarded = nullptr;
    std::string UnguardedNote;
  };
  void addFlagLoops();
  void analyseLoop(const Stmt &Loop, const ObservingLoop &Info);
  void checkCall(const CallExpr &Call, const Stmt &Loop,
                 const ObservingLoop &Info);
  void report(const CallExpr &Call, const ObservingLoop &Info,
              const IgnoredStop &Found);
  bool readBlocks(const CallExpr &Call, unsigned FdArg, const Stmt &Loop,
                  const ObservingLoop &Info);
  std::optional<IgnoredStop> ignoredStop(const CallExpr &Call,
                                         const model::BlockingCall &Blocking,
                                         const Stmt &Loop,
                                         const ObservingLoop &Info);
  bool wokenOnStop(const CallExpr &Call, const Stmt &Body,
                   const ObservingLoop &Info);
  bool flagWakes(const CallExpr &Call, const ObservingLoop &Info);
  bool writersMention(const ObservingLoop &Info, const ValueDecl &D) const;
  std::optional<IgnoredStop> lostWakeup(const CallExpr &Wait,
                                        const ObservingLoop &Info);
  /// Where a stop is requested or a stop flag set, and in which function.
  struct StopSite {
    const Expr *At;
    const FunctionDecl *Function;
  };
  std::vector<StopSite> stopSites(const ObservingLoop &Info);
  std::optional<IgnoredStop> calleeWait(const CXXMemberCallExpr &Call,
                                        const ObservingLoop &Info);

  const unsigned MaxSleep;
  const std::string RawStopObservers;
  const std::string RawBlockingFunctions;
  std::vector<std::string> StopObservers;
  std::vector<std::string> BlockingFunctions;
  ThreadTypesOption Types;
  ThreadBodies Bodies;

  llvm::MapVector<const Stmt *, ObservingLoop> Loops;
  /// What stop callbacks wake: condition variables they notify, functions
  /// they are registered in.
  llvm::SmallPtrSet<const ValueDecl *, 4> NotifiedOnStop;
  llvm::SmallPtrSet<const Stmt *, 4> BodiesWithStopCallback;
  /// Descriptors that are sockets or pipes, and those made non-blocking.
  llvm::SmallPtrSet<const ValueDecl *, 8> Sockets;
  llvm::SmallPtrSet<const ValueDecl *, 8> NonBlocking;
  llvm::SmallPtrSet<const CallExpr *, 8> Reported;
  /// The translation unit's request_stop() calls, found when first needed.
  std::optional<std::vector<StopSite>> Requests;
  /// Queues a stop cannot wake; lives while a translation unit's loops are
  /// analysed.
  std::optional<QueueWaits> Waits;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_BLOCKINGWAITIGNORESSTOPCHECK_H
