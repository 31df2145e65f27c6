//===--- BlockingWaitFlags.cpp - waits in loops a stop flag decides -------===//
//
// A loop that a stop flag decides (`while (running_)`, `if (stop) break;`)
// stops when another thread sets the flag; a call in it that blocks until
// something else happens delays the stop as a call that ignores a stop
// token does. The flags and their writers come from StopFlags; what wakes a
// wait is the code around the writes.
//
//===----------------------------------------------------------------------===//

#include "BlockingWaitIgnoresStopCheck.h"
#include "StopFlags.h"
#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife {

namespace {

// How far calls are followed from a write of the flag to what wakes the
// thread (`stop() { running_ = false; wake(); }`).
constexpr unsigned WriterDepth = 1;

/// Whether \p S names \p D, in lambdas inside it too.
bool mentions(const Stmt *S, const ValueDecl &D) {
  if (!S)
    return false;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    return mentions(Lambda->getBody(), D);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == &D)
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && Member->getMemberDecl() == &D)
    return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return mentions(Child, D); });
}

/// Whether \p S notifies a condition variable: \p Cv, or any when it is
/// null.
bool notifies(const Stmt *S, const ValueDecl *Cv) {
  if (!S)
    return false;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    return notifies(Lambda->getBody(), Cv);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained(model::conditionNotifiers(), Method->getName()) &&
        (!Cv || referencedDecl(Call->getImplicitObjectArgument()) == Cv))
      return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return notifies(Child, Cv); });
}

/// Whether the predicate of condition variable wait \p Wait (its arguments
/// after the lock), or a function of the file it calls, names \p Flag.
bool predicateReads(const CallExpr &Wait, const ValueDecl &Flag) {
  for (const Expr *Arg : llvm::drop_begin(Wait.arguments())) {
    if (mentions(Arg, Flag))
      return true;
    llvm::SmallVector<const CallExpr *, 4> Calls;
    collectCalls(Arg, Calls, /*IntoLambdas=*/true);
    for (const CallExpr *Call : Calls)
      if (const FunctionDecl *F = Call->getDirectCallee())
        if (const FunctionDecl *Def = F->getDefinition();
            Def && mentions(Def->getBody(), Flag))
          return true;
  }
  return false;
}

} // namespace

// Loops of thread code that a stop flag decides, atomic or not. A flag that
// only the thread itself writes is its own business (a retry counter, a
// state machine), not a stop.
void BlockingWaitIgnoresStopCheck::addFlagLoops() {
  if (Bodies.bodies().empty())
    return;
  const StopFlagPolls Found(*Ctx, Bodies.bodies(), FlagKinds::PlainOrAtomic);
  if (Found.polls().empty())
    return;
  llvm::SmallPtrSet<const ValueDecl *, 8> Flags;
  for (const auto &Entry : Found.polls())
    Flags.insert(Entry.first);
  const FlagUses Uses = findFlagUses(*Ctx, Flags);
  const SourceManager &SM = Ctx->getSourceManager();
  for (const auto &[Flag, Polls] : Found.polls()) {
    std::vector<FlagWrite> Writers = Found.racingWrites(Flag, Uses);
    if (Writers.empty())
      continue;
    FunctionSet WriterCode;
    for (const FlagWrite &W : Writers)
      addCalleeClosure(*W.Function, WriterDepth, SM, WriterCode);
    for (const FlagPoll &P : Polls)
      if (const Stmt *Owner = P.Function->getBody())
        Loops.insert({P.Loop, {P.Read, Owner, Flag, Writers, WriterCode}});
  }
}

// A condition variable wait in a loop a stop flag decides wakes when the
// flag is set if its predicate reads the flag (whoever sets it is expected
// to notify, as for a stop token), or if the code that sets the flag
// notifies that condition variable.
bool BlockingWaitIgnoresStopCheck::flagWakes(const CallExpr &Call,
                                             const ObservingLoop &Info) {
  if (predicateReads(Call, *Info.Flag))
    return true;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const ValueDecl *Cv =
      Member ? referencedDecl(Member->getImplicitObjectArgument()) : nullptr;
  return llvm::any_of(Info.WriterCode, [&](const FunctionDecl *F) {
    return notifies(F->getBody(), Cv);
  });
}

bool BlockingWaitIgnoresStopCheck::writersMention(const ObservingLoop &Info,
                                                  const ValueDecl &D) const {
  return llvm::any_of(Info.WriterCode, [&](const FunctionDecl *F) {
    return mentions(F->getBody(), D);
  });
}

} // namespace clang::tidy::threadlife
