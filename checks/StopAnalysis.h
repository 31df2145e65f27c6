//===--- StopAnalysis.h - where a stop request reaches ----------*- C++ -*-===//
//
// The questions the stop checks share: which code observes a stop request
// (directly or through the functions of this file it calls), which loops can
// end on their own (utils/Loops.h), what a thread's callable is, and how
// long a duration is.
// The names of the APIs come from ThreadModel.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_STOPANALYSIS_H
#define THREADLIFE_CHECKS_STOPANALYSIS_H

#include "model/ThreadModel.h"
#include "utils/Callables.h"
#include "utils/Loops.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <string>
#include <vector>

namespace clang::tidy::threadlife {

/// Decides whether code observes a stop request: calls a stop observer, a
/// stop-aware wait with a token, registers a stop_callback, or gives a token
/// to a function it cannot see into. Functions defined outside system headers
/// are followed to a modest depth; each is analysed once.
class StopAnalysis {
public:
  /// \p ExtraObservers are absolute names ("::ns::f", see absoluteNames)
  /// the user declared to observe a stop request.
  StopAnalysis(ASTContext &Ctx, std::vector<std::string> ExtraObservers);

  bool observesStop(const Stmt &S);

  /// Whether \p Call is itself an observation (not through its callee's body).
  bool isObserverCall(const CallExpr &Call) const;

private:
  bool walk(const Stmt *S, unsigned Depth);
  bool functionObserves(const FunctionDecl *F, unsigned Depth);

  ASTContext &Ctx;
  std::vector<std::string> ExtraObservers;
  std::vector<llvm::StringRef> ExtraRefs;
  llvm::DenseMap<const FunctionDecl *, bool> Cache;
};

/// Whether \p E has a stop token type.
bool isStopToken(const Expr *E);

/// The length of \p Duration in milliseconds when it is known at compile
/// time: a std::chrono duration (literal, constructor, constant) or an integer
/// in \p Unit; for a variable whose every value the file shows
/// (smallestKnownValue), the shortest.
std::optional<double> durationMillis(const Expr *Duration, model::TimeUnit Unit,
                                     ASTContext &Ctx);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_STOPANALYSIS_H
