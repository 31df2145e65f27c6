//===--- BlockingWaitFlags.cpp - what the code that stops a loop wakes ----===//
//
// A loop that a stop flag decides (`while (running_)`, `if (stop) break;`)
// stops when another thread sets the flag; a call in it that blocks until
// something else happens delays the stop as a call that ignores a stop
// token does. The flags and their writers come from StopFlags; what wakes a
// wait is the code around the writes.
//
// A wait whose predicate tests the stop is woken by the notification that
// follows it, but only if the stop is made holding the mutex the wait
// releases: otherwise it can fall between the predicate's test and the
// sleep, and the notification finds no thread waiting.
//
//===----------------------------------------------------------------------===//

#include "BlockingWaitIgnoresStopCheck.h"
#include "StopAnalysis.h"
#include "StopFlags.h"
#include "model/ThreadModel.h"
#include "utils/LockSets.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

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

/// The class whose code \p F is: a method's, or that of the method a lambda
/// is written in.
const CXXRecordDecl *owningClass(const FunctionDecl &F) {
  for (const DeclContext *DC = F.getParent(); DC; DC = DC->getParent())
    if (const auto *Record = dyn_cast<CXXRecordDecl>(DC);
        Record && !Record->isLambda())
      return Record;
  return nullptr;
}

/// Whether the code at \p At holds, or right after takes, one of \p Mutexes.
bool guarded(const Stmt &At, const FunctionDecl &F, const MutexSet &Mutexes) {
  MutexSet Held = mutexesHeldAt(At, F);
  for (const ValueDecl *M : mutexesTakenAfter(At, F))
    Held.insert(M);
  return llvm::any_of(Mutexes,
                      [&](const ValueDecl *M) { return Held.contains(M); });
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
  const FlagUses Uses = Found.uses();
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
        Loops.insert(
            {P.Loop, {P.Read, P.Function, Owner, Flag, Writers, WriterCode}});
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

// Stop requests: for a loop that a stop token decides, the request_stop()
// calls of the class whose code waits (a pool's destructor stopping its
// jthreads); for a stop flag, its writes.
std::vector<BlockingWaitIgnoresStopCheck::StopSite>
BlockingWaitIgnoresStopCheck::stopSites(const ObservingLoop &Info) {
  std::vector<StopSite> Sites;
  if (Info.Flag) {
    for (const FlagWrite &W : Info.Writers)
      Sites.push_back({W.Access, W.Function});
    return Sites;
  }
  if (!Requests) {
    using namespace ast_matchers;
    Requests.emplace();
    for (const BoundNodes &Node :
         match(cxxMemberCallExpr(
                   unless(isExpansionInSystemHeader()),
                   callee(cxxMethodDecl(hasName(model::stopRequestMethod()))),
                   forFunction(functionDecl().bind("fn")))
                   .bind("request"),
               *Ctx))
      Requests->push_back({Node.getNodeAs<CXXMemberCallExpr>("request"),
                           Node.getNodeAs<FunctionDecl>("fn")});
  }
  const CXXRecordDecl *Class = owningClass(*Info.Owner);
  for (const StopSite &Request : *Requests)
    if (Class && owningClass(*Request.Function) == Class)
      Sites.push_back(Request);
  return Sites;
}

std::optional<BlockingWaitIgnoresStopCheck::IgnoredStop>
BlockingWaitIgnoresStopCheck::lostWakeup(const CallExpr &Wait,
                                         const ObservingLoop &Info) {
  if (Wait.getNumArgs() < 2)
    return std::nullopt;
  const MutexSet Mutexes = mutexesHeldAt(Wait, *Info.Owner);
  if (Mutexes.empty())
    return std::nullopt;
  StopAnalysis Analysis(*Ctx, StopObservers);
  const bool Tests = Info.Flag
                         ? predicateReads(Wait, *Info.Flag)
                         : llvm::any_of(llvm::drop_begin(Wait.arguments()),
                                        [&](const Expr *Arg) {
                                          return Analysis.observesStop(*Arg);
                                        });
  if (!Tests)
    return std::nullopt;
  for (const StopSite &Site : stopSites(Info)) {
    if (guarded(*Site.At, *Site.Function, Mutexes))
      continue;
    const std::string Mutex = (*Mutexes.begin())->getNameAsString();
    IgnoredStop Lost;
    if (Info.Flag) {
      Lost.Message =
          "%0 can miss the stop: its predicate tests the stop flag, but the "
          "flag is set without holding the mutex the wait releases, so a stop "
          "between the test and the sleep is lost and the thread sleeps until "
          "the next notification; set the flag while holding that mutex";
      Lost.UnguardedNote = "set here without holding '" + Mutex + "'";
    } else {
      Lost.Message =
          "%0 can miss the stop request: its predicate tests it, but it is "
          "requested without holding the mutex the wait releases, so a request "
          "between the test and the sleep is lost and the thread sleeps until "
          "the next notification; request the stop while holding that mutex";
      Lost.UnguardedNote = "requested here without holding '" + Mutex + "'";
    }
    Lost.Unguarded = Site.At;
    return Lost;
  }
  return std::nullopt;
}

} // namespace clang::tidy::threadlife
