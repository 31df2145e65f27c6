//===--- StopFlags.h - the flags that decide threads' loops -----*- C++ -*-===//
//
// A stop flag is a variable that decides a loop of a thread's code (its
// condition, or an if that breaks out of it) and that a function outside
// that thread writes once the thread runs. unsafe-stop-flag asks whether
// such a flag is synchronized; blocking-wait-ignores-stop asks what a loop
// it decides blocks in. Both see the same polls and the same writers.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_STOPFLAGS_H
#define THREADLIFE_CHECKS_STOPFLAGS_H

#include "ThreadBodies.h"
#include "utils/CalleeClosure.h"
#include "utils/FlagUses.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <vector>

namespace clang::tidy::threadlife {

/// A read of a flag that decides a loop of a thread's code.
struct FlagPoll {
  const Stmt *Loop;
  /// The function the loop is in.
  const FunctionDecl *Function;
  const Expr *Read;
  const FunctionDecl *Reader;
  /// The thread body whose code the loop is in, and its start.
  const FunctionDecl *Body;
  const Expr *Start;
};

/// Which variables may be flags: plain scalars (bool, integer, enum; not
/// const, not C11 _Atomic, not sig_atomic_t), or std::atomic ones too.
enum class FlagKinds { Plain, PlainOrAtomic };

class StopFlagPolls {
public:
  using PollMap = llvm::MapVector<const ValueDecl *, std::vector<FlagPoll>>;

  /// Finds the polls in the code each of \p Bodies runs: the body and the
  /// functions of the file it calls, a few calls deep.
  StopFlagPolls(ASTContext &Ctx, const ThreadBodies::Map &Bodies,
                FlagKinds Kinds);

  const PollMap &polls() const { return Polls; }

  /// How the translation unit writes the polled flags (one traversal).
  FlagUses uses() const;

  /// The writes to \p Flag among \p Uses that race with its polls: made by
  /// a function outside every polling thread's code, not a constructor, and
  /// not before the function that writes starts the thread.
  std::vector<FlagWrite> racingWrites(const ValueDecl *Flag,
                                      const FlagUses &Uses) const;

private:
  ASTContext &Ctx;
  PollMap Polls;
  /// By thread body: the functions it runs.
  llvm::DenseMap<const FunctionDecl *, FunctionSet> ThreadCode;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_STOPFLAGS_H
