//===--- LoopIgnoresStopCheck.cpp - threadlife ----------------------------===//

#include "LoopIgnoresStopCheck.h"
#include "StopAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {
using model::StopChannel;

std::vector<llvm::StringRef> names(llvm::ArrayRef<model::StoppableSpawn> S) {
  std::vector<llvm::StringRef> Names;
  for (const model::StoppableSpawn &Spawn : S)
    Names.push_back(Spawn.Function);
  return Names;
}

const ParmVarDecl *tokenParameter(const FunctionDecl &F) {
  for (const ParmVarDecl *P : F.parameters())
    if (model::isClassOneOf(P->getType(), model::stopTokenTypes()))
      return P;
  return nullptr;
}

bool mentionsName(const Stmt *S, llvm::StringRef Name) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (Ref->getDecl()->getName() == Name)
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsName(Child, Name))
      return true;
  return false;
}
} // namespace

LoopIgnoresStopCheck::LoopIgnoresStopCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawStopObservers(Options.get("StopObservers", "")),
      StopObservers(model::absoluteNames(RawStopObservers)) {}

void LoopIgnoresStopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StopObservers", RawStopObservers);
}

void LoopIgnoresStopCheck::registerMatchers(MatchFinder *Finder) {
  auto Token = qualType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(cxxRecordDecl(hasAnyName(model::stopTokenTypes()))))));
  Finder->addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                           ofClass(hasAnyName(model::stoppableThreadNames())))),
                       argumentCountAtLeast(1))
          .bind("start"),
      this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(names(model::stoppableSpawns())))
                          .bind("spawn")))
          .bind("call"),
      this);
  // A body in a system header is never analysed (see analyse()): its token
  // parameters are not looked at, nor their types desugared.
  Finder->addMatcher(
      parmVarDecl(unless(isExpansionInSystemHeader()),
                  hasType(qualType(anyOf(Token, references(Token)))))
          .bind("token"),
      this);
  Finder->addMatcher(model::qtThreadRunDefinition().bind("qtRun"), this);
}

void LoopIgnoresStopCheck::addBody(const FunctionDecl *F, Body B) {
  if (!F || F->isDependentContext())
    return;
  auto [It, Inserted] = Bodies.try_emplace(F, B);
  // The start of a thread says more than a bare token parameter.
  if (!Inserted && B.Start && !It->second.Start)
    It->second = B;
}

void LoopIgnoresStopCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Start = Result.Nodes.getNodeAs<CXXConstructExpr>("start")) {
    const model::ThreadClass *Thread =
        model::findStoppableThread(Start->getType());
    if (!Thread)
      return;
    Body B;
    B.Channel = Thread->Stop;
    B.Thread = Thread;
    B.Start = Start;
    addBody(callableBody(Start->getArg(0), &B.Lambda), B);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const auto *Spawn = Result.Nodes.getNodeAs<FunctionDecl>("spawn");
    for (const model::StoppableSpawn &S : model::stoppableSpawns())
      if (model::isOneOf(Spawn, {S.Function}) &&
          S.CallableArg < Call->getNumArgs())
        addBody(callableBody(Call->getArg(S.CallableArg)), Body());
    return;
  }
  if (const auto *Token = Result.Nodes.getNodeAs<ParmVarDecl>("token")) {
    const auto *F = dyn_cast<FunctionDecl>(Token->getDeclContext());
    if (F && F->doesThisDeclarationHaveABody())
      addBody(F, Body());
    return;
  }
  if (const auto *Run = Result.Nodes.getNodeAs<CXXMethodDecl>("qtRun")) {
    Body B;
    B.Channel = StopChannel::QtInterruption;
    addBody(Run, B);
  }
}

void LoopIgnoresStopCheck::onEndOfTranslationUnit() {
  for (const auto &[F, B] : Bodies)
    analyse(*F, B);
  Bodies.clear();
}

void LoopIgnoresStopCheck::reportLoop(const Stmt &Loop, const Body &B,
                                      const ParmVarDecl *Token,
                                      bool TokenUnused) {
  const SourceLocation Loc = Loop.getBeginLoc();
  if (B.Channel == StopChannel::QtInterruption) {
    diag(Loc, "this loop never ends and never checks "
              "isInterruptionRequested(), so requestInterruption() cannot "
              "end it and wait() blocks forever; loop while "
              "(!isInterruptionRequested())");
    return;
  }
  if (B.Channel == StopChannel::BoostInterruption && !Token) {
    diag(Loc, "this loop never ends and never reaches an interruption "
              "point, so boost::thread::interrupt() cannot end it; call "
              "boost::this_thread::interruption_point() in the loop");
    return;
  }
  if (Token && Token->getName().empty()) {
    // An unnamed token cannot be checked until it has a name.
    diag(Loc, "this loop never ends and never checks its unnamed stop "
              "token, so a stop request cannot end it and joining the "
              "thread waits forever; name the token 'st' and loop while "
              "(!st.stop_requested())");
    return;
  }
  if (Token) {
    diag(Loc, "this loop never ends and never checks the stop token %0, "
              "so a stop request cannot end it and joining the thread waits "
              "forever; loop while (!%1.stop_requested())")
        << Token << Token->getName();
    if (TokenUnused)
      diag(Token->getLocation(), "stop token %0 is never used",
           DiagnosticIDs::Note)
          << Token;
    return;
  }
  reportTokenless(Loop, B);
}

// A self-joining thread whose callable takes no token: its destructor asks
// for a stop that nothing can see, then waits.
void LoopIgnoresStopCheck::reportTokenless(const Stmt &Loop, const Body &B) {
  llvm::StringRef Spelling =
      B.Thread ? B.Thread->TokenSpelling : model::Advice(*Ctx).stopToken();
  {
    auto Warning =
        diag(Loop.getBeginLoc(),
             "this loop never ends and the thread's callable takes no "
             "stop token, so a stop request cannot end it; take a '%0 "
             "st' parameter and loop while (!st.stop_requested())")
        << Spelling;
    for (const FixItHint &Edit : tokenFix(Loop, B.Lambda, Spelling))
      Warning << Edit;
  }
  if (B.Start && B.Thread &&
      B.Thread->Destruction == model::JoinableDestruction::Joins)
    diag(B.Start->getBeginLoc(),
         "the thread starts here; its destructor requests a stop and then "
         "waits for the loop, forever",
         DiagnosticIDs::Note);
}

// Safe only on a lambda written at the start, with a loop head whose
// condition is constant, and no `st` in sight.
llvm::SmallVector<FixItHint, 2>
LoopIgnoresStopCheck::tokenFix(const Stmt &Loop, const LambdaExpr *Lambda,
                               llvm::StringRef Spelling) const {
  const SourceManager &SM = Ctx->getSourceManager();
  const LangOptions &LO = Ctx->getLangOpts();
  const Expr *Cond = loopCondition(Loop);
  const bool HeadFixable =
      (isa<WhileStmt>(Loop) && Cond) ||
      (isa<ForStmt>(Loop) && !cast<ForStmt>(Loop).getInit() &&
       !cast<ForStmt>(Loop).getInc() && !Cond);
  if (!Lambda || !HeadFixable || Loop.getBeginLoc().isMacroID() ||
      mentionsName(Lambda->getBody(), "st") ||
      Lambda->getCallOperator()->getDescribedFunctionTemplate())
    return {};
  std::optional<FixItHint> Param;
  const CXXMethodDecl *Call = Lambda->getCallOperator();
  if (!Lambda->hasExplicitParameters()) {
    Param = FixItHint::CreateInsertion(
        Lexer::getLocForEndOfToken(Lambda->getIntroducerRange().getEnd(), 0, SM,
                                   LO),
        ("(" + Spelling + " st)").str());
  } else if (Call->getNumParams() > 0) {
    Param = FixItHint::CreateInsertion(Call->getParamDecl(0)->getBeginLoc(),
                                       (Spelling + " st, ").str());
  } else if (TypeSourceInfo *TSI = Call->getTypeSourceInfo()) {
    if (auto FTL = TSI->getTypeLoc().getAsAdjusted<FunctionTypeLoc>())
      Param = FixItHint::CreateInsertion(FTL.getLParenLoc().getLocWithOffset(1),
                                         (Spelling + " st").str());
  }
  if (!Param)
    return {};
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return {*Param,
            FixItHint::CreateReplacement(While->getCond()->getSourceRange(),
                                         "!st.stop_requested()")};
  return {*Param,
          FixItHint::CreateReplacement(
              CharSourceRange::getTokenRange(
                  Loop.getBeginLoc(), cast<ForStmt>(Loop).getRParenLoc()),
              "while (!st.stop_requested())")};
}

namespace {
/// Whether every path through \p S observes a stop request, judged by its
/// structure: a block does if one of its statements does, an if if its
/// condition does or both branches do, a nested loop if its condition does
/// (its body may not run). Other statements observe if anything in them
/// does: when in doubt, the loop is taken as observing.
bool alwaysObserves(const Stmt *S, StopAnalysis &Analysis) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return llvm::any_of(Block->body(), [&](const Stmt *Child) {
      return alwaysObserves(Child, Analysis);
    });
  if (const auto *If = dyn_cast<IfStmt>(S))
    return Analysis.observesStop(*If->getCond()) ||
           (alwaysObserves(If->getThen(), Analysis) &&
            alwaysObserves(If->getElse(), Analysis));
  if (isa<WhileStmt, ForStmt, CXXForRangeStmt>(S)) {
    const Expr *Cond = loopCondition(*S);
    return Cond && Analysis.observesStop(*Cond);
  }
  return Analysis.observesStop(*S);
}
} // namespace

// A loop that never ends leaves only by an interruption point's exception:
// a round that skips every one cannot be interrupted.
bool LoopIgnoresStopCheck::observesEveryRound(const Stmt &Loop,
                                              StopAnalysis &Analysis) const {
  const Expr *Cond = loopCondition(Loop);
  return (Cond && Analysis.observesStop(*Cond)) ||
         alwaysObserves(loopBody(Loop), Analysis);
}

void LoopIgnoresStopCheck::analyse(const FunctionDecl &F, const Body &B) {
  const FunctionDecl *Definition = F.getDefinition();
  if (!Definition || !Definition->getBody() || !Ctx ||
      Ctx->getSourceManager().isInSystemHeader(Definition->getLocation()))
    return;
  const Stmt &Code = *Definition->getBody();
  const ParmVarDecl *Token = tokenParameter(*Definition);
  const bool TokenUnused = Token && Token->getIdentifier() &&
                           !Token->isReferenced() &&
                           !Token->hasAttr<UnusedAttr>();
  StopAnalysis Analysis(*Ctx, StopObservers);

  std::vector<const Stmt *> Loops = loopsOf(Code);
  llvm::SmallVector<const Stmt *, 2> Flagged;
  auto InsideFlagged = [&](const Stmt *Loop) {
    return llvm::any_of(Flagged, [&](const Stmt *Outer) {
      return Outer->getSourceRange().fullyContains(Loop->getSourceRange());
    });
  };
  for (const Stmt *Loop : Loops) {
    if (InsideFlagged(Loop) || loopCanEnd(*Loop, *Definition, *Ctx))
      continue;
    if (!Analysis.observesStop(*Loop)) {
      Flagged.push_back(Loop);
      reportLoop(*Loop, B, Token, TokenUnused);
    } else if (B.Channel == model::StopChannel::BoostInterruption &&
               !observesEveryRound(*Loop, Analysis)) {
      Flagged.push_back(Loop);
      diag(Loop->getBeginLoc(),
           "this loop never ends and reaches an interruption point only on "
           "some paths, so a round that takes another path ignores "
           "boost::thread::interrupt(), and if every round does, interrupt() "
           "never ends it; call boost::this_thread::interruption_point() "
           "unconditionally in the loop");
    }
  }

  // An unused token in a body with loops: a stop request cannot cut the work
  // short. Bodies without loops finish on their own.
  if (TokenUnused && Flagged.empty() && !Loops.empty()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Definition);
    if (Method && Method->isVirtual())
      return; // the signature is the interface's, not this body's choice
    diag(Token->getLocation(),
         "stop token %0 is never used, so a stop request cannot end this "
         "body's loops early; check %1.stop_requested() in the loop")
        << Token << Token->getName();
  }
}

} // namespace clang::tidy::threadlife
