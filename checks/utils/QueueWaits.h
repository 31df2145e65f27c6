//===--- QueueWaits.h - queues whose waits a stop cannot end ----*- C++ -*-===//
//
// A worker that blocks in a queue's pop is the loop a stop most often cannot
// end. Two shapes: a library queue (TBB, Boost, moodycamel, folly) whose pop
// is a row of the API table, and a method of the project (its own queue's
// pop, a wait for a fence) that waits on a condition variable until its data
// changes, and for nothing else. Either is
// woken on stop when the program makes it so: the library queue's shutdown
// method is called, or code that requests the stop (or a destructor, where a
// jthread member's stop is requested) also touches the queue, the usual
// "poison pill".
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_QUEUEWAITS_H
#define THREADLIFE_CHECKS_UTILS_QUEUEWAITS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::threadlife {

class QueueWaits {
public:
  /// Whether a condition variable wait in \p Body is woken on stop for
  /// other reasons (a stop callback notifies it, its predicate observes the
  /// stop).
  using WokenWait = llvm::function_ref<bool(const CallExpr &, const Stmt &)>;

  explicit QueueWaits(ASTContext &Ctx) : Ctx(Ctx) {}

  /// A condition variable wait that only its data ends: no token, and its
  /// predicate (or its loop's condition, for a wait without one) reads no
  /// flag and calls nothing but a container's empty() and size() or an
  /// atomic's load(). \p Queue: it asks a container, so it waits for an item.
  struct DataWait {
    const CallExpr *Wait;
    bool Queue;
  };
  /// The first such wait in \p Callee's body, if every condition variable
  /// wait there is one and none is \p Woken.
  std::optional<DataWait> dataOnlyWait(const FunctionDecl &Callee,
                                       WokenWait Woken);

  /// Whether the queue that \p Call pops from or pushes to is woken when the
  /// stop is requested: its \p Shutdown method (if any) is called somewhere,
  /// or a function that requests a stop, a destructor, or one of
  /// \p Stoppers (the code that sets a stop flag) calls a method on it. A
  /// queue that is not a named variable or field is taken as woken: nothing
  /// can be said about it.
  bool wokenOnStop(const CXXMemberCallExpr &Call, llvm::StringRef Shutdown,
                   llvm::ArrayRef<const FunctionDecl *> Stoppers = {});

private:
  std::optional<bool> endsOnlyForItsData(const CallExpr &Wait, const Stmt &Body,
                                         WokenWait Woken);
  bool touchedOnStop(const ValueDecl &Queue, llvm::StringRef Shutdown);

  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, std::optional<DataWait>> Found;
  llvm::DenseMap<const ValueDecl *, bool> Touched;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_QUEUEWAITS_H
