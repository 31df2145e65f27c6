//===--- BlockingWaitIgnoresStopCheck.cpp - threadlife --------------------===//

#include "BlockingWaitIgnoresStopCheck.h"
#include "StopAnalysis.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "model/ThreadModel.h"
#include "utils/CalleeClosure.h"
#include "utils/Loops.h"
#include "utils/NamedDecls.h"
#include "utils/ParentWalks.h"
#include "utils/QueueWaits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {
using model::BlockKind;

std::vector<llvm::StringRef> refs(const std::vector<std::string> &Names) {
  return {Names.begin(), Names.end()};
}

std::string formatMillis(double Millis) {
  if (Millis == static_cast<double>(static_cast<int64_t>(Millis)))
    return std::to_string(static_cast<int64_t>(Millis)) + " ms";
  std::string Text = std::to_string(Millis);
  Text.erase(Text.find_last_not_of('0') + 1);
  return Text + " ms";
}

bool textMentionsAny(SourceRange Range, llvm::ArrayRef<llvm::StringRef> Words,
                     const ASTContext &Ctx) {
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  return llvm::any_of(
      Words, [&](llvm::StringRef Word) { return Text.contains(Word); });
}

bool callsAny(const Stmt *S, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (model::isOneOf(Call->getDirectCallee(), Names))
      return true;
  for (const Stmt *Child : S->children())
    if (callsAny(Child, Names))
      return true;
  return false;
}

} // namespace

BlockingWaitIgnoresStopCheck::BlockingWaitIgnoresStopCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MaxSleep(Options.get("MaxSleep", 100U)),
      RawStopObservers(Options.get("StopObservers", "")),
      RawBlockingFunctions(Options.get("BlockingFunctions", "")),
      StopObservers(model::absoluteNames(RawStopObservers)),
      BlockingFunctions(model::absoluteNames(RawBlockingFunctions)),
      Types(Options), Bodies(Types) {}

void BlockingWaitIgnoresStopCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxSleep", MaxSleep);
  Options.store(Opts, "StopObservers", RawStopObservers);
  Options.store(Opts, "BlockingFunctions", RawBlockingFunctions);
  Types.store(Options, Opts);
}

void BlockingWaitIgnoresStopCheck::registerMatchers(MatchFinder *Finder) {
  // The thread bodies, for the loops that stop flags decide.
  Bodies.registerMatchers(Finder, this);
  // An expression's type is never a reference: the canonical record is all
  // there is to compare, and comparing it is cheap.
  auto Token = hasCanonicalType(
      hasDeclaration(cxxRecordDecl(hasAnyName(model::stopTokenTypes()))));
  std::vector<llvm::StringRef> Observers(model::stopObservers().begin(),
                                         model::stopObservers().end());
  for (const std::string &Name : StopObservers)
    Observers.push_back(Name);
  // Only loops with an observation in them are analysed: find the
  // observations, then walk up to their loops.
  // A loop in a system header is never analysed (see analyseLoop()), and an
  // observation in one is inside such a loop, if in any.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              anyOf(callee(functionDecl(hasAnyName(Observers))),
                                    hasAnyArgument(expr(hasType(qualType(
                                        anyOf(Token, references(Token))))))))
                         .bind("observation"),
                     this);
  Finder->addMatcher(
      cxxConstructExpr(
          hasType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
              cxxRecordDecl(hasAnyName(model::stopCallbackTypes())))))))
          .bind("stopCallback"),
      this);
  // A descriptor is what a source call returns or fills in; matching the
  // forms directly spares building the file's parent map.
  auto Source =
      callExpr(callee(functionDecl(hasAnyName(model::descriptorSources()))))
          .bind("source");
  Finder->addMatcher(Source, this);
  Finder->addMatcher(
      varDecl(hasInitializer(ignoringParenImpCasts(Source))).bind("sourceVar"),
      this);
  Finder->addMatcher(binaryOperator(isAssignmentOperator(),
                                    hasRHS(ignoringParenImpCasts(Source)))
                         .bind("sourceAssign"),
                     this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(model::descriptorModeSetters()))),
               argumentCountAtLeast(1))
          .bind("modeSetter"),
      this);
}

void BlockingWaitIgnoresStopCheck::check(
    const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (Bodies.collect(Result))
    return;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("observation")) {
    const FunctionDecl *Owner = enclosingFunction(*Call, *Ctx);
    if (!Owner || !Owner->getBody())
      return;
    for (const Stmt *Loop : enclosingLoops(*Call, *Ctx))
      Loops.insert({Loop, {Call, Owner, Owner->getBody()}});
    return;
  }
  if (const auto *Callback =
          Result.Nodes.getNodeAs<CXXConstructExpr>("stopCallback")) {
    if (const FunctionDecl *Owner = enclosingFunction(*Callback, *Ctx))
      BodiesWithStopCallback.insert(Owner->getBody());
    // The condition variables the callback notifies.
    auto Notifies =
        match(findAll(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                                            model::conditionNotifiers()))))
                          .bind("notify")),
              *Callback, *Ctx);
    for (const BoundNodes &Node : Notifies)
      if (const ValueDecl *Cv =
              referencedDecl(Node.getNodeAs<CXXMemberCallExpr>("notify")
                                 ->getImplicitObjectArgument()))
        NotifiedOnStop.insert(Cv);
    return;
  }
  if (const auto *Source = Result.Nodes.getNodeAs<CallExpr>("source")) {
    llvm::SmallVector<const ValueDecl *, 2> Filled;
    if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("sourceVar"))
      Filled.push_back(Var);
    else if (const auto *Assign =
                 Result.Nodes.getNodeAs<BinaryOperator>("sourceAssign")) {
      if (const ValueDecl *D = referencedDecl(Assign->getLHS()))
        Filled.push_back(D);
    } else {
      for (const Expr *Arg : Source->arguments())
        if (Arg->getType()->isPointerType() &&
            Arg->getType()->getPointeeType()->isIntegerType())
          if (const ValueDecl *D = referencedDecl(Arg))
            Filled.push_back(D);
    }
    const bool MadeNonBlocking = textMentionsAny(
        Source->getSourceRange(), model::nonBlockingMarkers(), *Ctx);
    for (const ValueDecl *D : Filled)
      (MadeNonBlocking ? NonBlocking : Sockets).insert(D);
    return;
  }
  if (const auto *Setter = Result.Nodes.getNodeAs<CallExpr>("modeSetter"))
    if (const ValueDecl *D = referencedDecl(Setter->getArg(0)))
      NonBlocking.insert(D);
}

void BlockingWaitIgnoresStopCheck::onEndOfTranslationUnit() {
  if (Ctx) {
    addFlagLoops();
    Waits.emplace(*Ctx);
    for (const auto &[Loop, Info] : Loops)
      analyseLoop(*Loop, Info);
  }
  Waits.reset();
  Bodies.clear();
  Loops.clear();
  NotifiedOnStop.clear();
  BodiesWithStopCallback.clear();
  Sockets.clear();
  NonBlocking.clear();
  Reported.clear();
  Requests.reset();
}

void BlockingWaitIgnoresStopCheck::analyseLoop(const Stmt &Loop,
                                               const ObservingLoop &Info) {
  if (Ctx->getSourceManager().isInSystemHeader(Loop.getBeginLoc()))
    return;
  llvm::SmallVector<const CallExpr *, 16> Calls;
  collectCalls(&Loop, Calls, /*IntoLambdas=*/false);
  for (const CallExpr *Call : Calls)
    if (!Reported.contains(Call))
      checkCall(*Call, Loop, Info);
}

bool BlockingWaitIgnoresStopCheck::readBlocks(const CallExpr &Call,
                                              unsigned FdArg, const Stmt &Loop,
                                              const ObservingLoop &Info) {
  if (FdArg >= Call.getNumArgs())
    return false;
  const Expr *Fd = Call.getArg(FdArg);
  const ValueDecl *D = referencedDecl(Fd);
  const bool Stdin = !D && model::integerValue(Fd, *Ctx) == 0;
  if (!Stdin && (!D || !Sockets.contains(D) || NonBlocking.contains(D)))
    return false; // a file, or a descriptor we know nothing about
  // The code that sets the stop flag closes or shuts down the descriptor.
  if (D && Info.Flag && writersMention(Info, *D))
    return false;
  // A read after poll/select returns at once; MSG_DONTWAIT does not block.
  return !callsAny(&Loop, model::readinessWaits()) &&
         !textMentionsAny(Call.getSourceRange(), model::nonBlockingMarkers(),
                          *Ctx);
}

void BlockingWaitIgnoresStopCheck::checkCall(const CallExpr &Call,
                                             const Stmt &Loop,
                                             const ObservingLoop &Info) {
  const FunctionDecl *F = Call.getDirectCallee();
  if (!F || &Call == Info.Observation)
    return;
  std::optional<IgnoredStop> Found;
  if (model::isOneOf(F, refs(BlockingFunctions)))
    Found = IgnoredStop{"%0 blocks and a stop request does not wake it, so the "
                        "thread ignores the stop until it returns; give it the "
                        "stop token",
                        std::nullopt, ""};
  else if (const model::BlockingCall *Blocking = model::findBlockingCall(F);
           Blocking && llvm::none_of(Call.arguments(), isStopToken))
    Found = ignoredStop(Call, *Blocking, Loop, Info);
  else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Found = calleeWait(*Member, Info);
  if (Found && !(Found->Inner && Reported.contains(Found->Inner)))
    report(Call, Info, *Found);
}

// A wait inside a callee is reported where it waits, which is where the fix
// goes; the call in the loop is a note.
void BlockingWaitIgnoresStopCheck::report(const CallExpr &Call,
                                          const ObservingLoop &Info,
                                          const IgnoredStop &Found) {
  const CallExpr &At = Found.Inner ? *Found.Inner : Call;
  Reported.insert(&At);
  {
    auto Warning =
        diag(At.getExprLoc(), Found.Fix.empty()
                                  ? Found.Message.str()
                                  : (Found.Message + "; " + Found.Fix).str())
        << ("'" + model::qualifiedName(At.getDirectCallee()) + "'");
    if (Found.Millis)
      Warning << formatMillis(*Found.Millis);
  }
  if (Found.Inner)
    diag(Call.getExprLoc(), "called from this loop through %0",
         DiagnosticIDs::Note)
        << ("'" + model::qualifiedName(Call.getDirectCallee()) + "'");
  if (Found.Unguarded)
    diag(Found.Unguarded->getBeginLoc(), Found.UnguardedNote,
         DiagnosticIDs::Note);
  if (!Info.Flag) {
    diag(Info.Observation->getBeginLoc(),
         "the loop checks for a stop request here", DiagnosticIDs::Note);
    return;
  }
  diag(Info.Observation->getBeginLoc(), "the loop checks stop flag %0 here",
       DiagnosticIDs::Note)
      << Info.Flag;
  if (!Found.Unguarded)
    diag(Info.Writers.front().Access->getBeginLoc(),
         "the flag is set here, and nothing there wakes the call",
         DiagnosticIDs::Note);
}

// Woken on stop: a stop callback notifies this condition variable or lives
// in this function, or the predicate looks at the stop request (the code
// that requests the stop then notifies); for a stop flag, see flagWakes().
bool BlockingWaitIgnoresStopCheck::wokenOnStop(const CallExpr &Call,
                                               const Stmt &Body,
                                               const ObservingLoop &Info) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const ValueDecl *Cv =
      Member ? referencedDecl(Member->getImplicitObjectArgument()) : nullptr;
  if ((Cv && NotifiedOnStop.contains(Cv)) ||
      BodiesWithStopCallback.contains(&Body))
    return true;
  if (Info.Flag)
    return flagWakes(Call, Info);
  StopAnalysis Analysis(*Ctx, StopObservers);
  return llvm::any_of(Call.arguments(), [&](const Expr *Arg) {
    return Analysis.observesStop(*Arg);
  });
}

std::optional<BlockingWaitIgnoresStopCheck::IgnoredStop>
BlockingWaitIgnoresStopCheck::ignoredStop(const CallExpr &Call,
                                          const model::BlockingCall &Blocking,
                                          const Stmt &Loop,
                                          const ObservingLoop &Info) {
  const Stmt &OwnerBody = *Info.OwnerBody;
  const model::Advice Advice(*Ctx);
  // How long the call blocks, when its duration argument is a constant, and
  // when that is long enough to matter.
  std::optional<double> Millis;
  if (Blocking.Arg && *Blocking.Arg < Call.getNumArgs())
    Millis = durationMillis(Call.getArg(*Blocking.Arg), Blocking.Unit, *Ctx);
  const bool Long = Millis && *Millis > MaxSleep;
  switch (Blocking.Kind) {
  case BlockKind::ConditionWait:
    if (std::optional<IgnoredStop> Lost = lostWakeup(Call, Info))
      return Lost;
    if (wokenOnStop(Call, OwnerBody, Info))
      return std::nullopt;
    return IgnoredStop{"%0 blocks until notified and a stop request does not "
                       "wake it, so the stop waits for the next notification",
                       std::nullopt, Advice.conditionWait().str()};
  case BlockKind::ConditionTimedWait:
    if (!Long)
      return std::nullopt;
    if (std::optional<IgnoredStop> Lost = lostWakeup(Call, Info))
      return Lost;
    if (wokenOnStop(Call, OwnerBody, Info))
      return std::nullopt;
    return IgnoredStop{"%0 waits up to %1 and a stop request does not wake it",
                       Millis, Advice.timedConditionWait().str()};
  case BlockKind::Sleep:
    if (!Long)
      return std::nullopt;
    return IgnoredStop{"%0 sleeps %1 and a stop request does not wake it, so "
                       "stopping the thread takes as long",
                       Millis, Advice.sleep().str()};
  case BlockKind::FutureWait:
    return IgnoredStop{"%0 blocks until the result is ready and a stop request "
                       "does not wake it; wait in short steps with wait_for "
                       "and check for a stop request between them",
                       std::nullopt, ""};
  case BlockKind::Join:
    return IgnoredStop{"%0 blocks until the other thread ends and a stop "
                       "request does not wake it",
                       std::nullopt, Advice.join().str()};
  case BlockKind::QueuePop:
  case BlockKind::QueuePush: {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    const model::BlockingQueue *Queue =
        Member ? model::findBlockingQueue(Member->getRecordDecl()) : nullptr;
    if (!Queue || BodiesWithStopCallback.contains(&OwnerBody) ||
        Waits->wokenOnStop(*Member, Queue->Shutdown,
                           Info.WriterCode.getArrayRef()))
      return std::nullopt;
    return IgnoredStop{Blocking.Kind == BlockKind::QueuePop
                           ? "%0 blocks until the queue has an item and a stop "
                             "request does not wake it, so the stop waits for "
                             "the next push"
                           : "%0 blocks while the queue is full and a stop "
                             "request does not wake it, so the stop waits for "
                             "the next pop",
                       std::nullopt, Advice.queueWait(Queue->Shutdown)};
  }
  case BlockKind::DescriptorRead:
    if (!Blocking.Arg || !readBlocks(Call, *Blocking.Arg, Loop, Info))
      return std::nullopt;
    return IgnoredStop{"%0 blocks until the descriptor has data and a stop "
                       "request does not wake it",
                       std::nullopt, Advice.read().str()};
  }
  return std::nullopt;
}

// A call to a method of the file that waits on a condition variable until
// its data changes, and for nothing else: the project's own queue's pop, a
// wait for a fence.
std::optional<BlockingWaitIgnoresStopCheck::IgnoredStop>
BlockingWaitIgnoresStopCheck::calleeWait(const CXXMemberCallExpr &Call,
                                         const ObservingLoop &Info) {
  const Stmt &OwnerBody = *Info.OwnerBody;
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || BodiesWithStopCallback.contains(&OwnerBody) ||
      llvm::any_of(Call.arguments(), isStopToken))
    return std::nullopt;
  std::optional<QueueWaits::DataWait> Wait =
      Waits->dataOnlyWait(*Method, [&](const CallExpr &W, const Stmt &Body) {
        return wokenOnStop(W, Body, Info);
      });
  if (!Wait || Waits->wokenOnStop(Call, "", Info.WriterCode.getArrayRef()))
    return std::nullopt;
  const model::Advice Advice(*Ctx);
  if (Wait->Queue)
    return IgnoredStop{"%0 waits until the queue has an item and a stop "
                       "request does not wake it, so the stop waits for the "
                       "next item",
                       std::nullopt, Advice.ownQueueWait().str(), Wait->Wait};
  return IgnoredStop{"%0 blocks until notified and a stop request does not "
                     "wake it, so the stop waits for the next notification",
                     std::nullopt, Advice.conditionWait().str(), Wait->Wait};
}

} // namespace clang::tidy::threadlife
