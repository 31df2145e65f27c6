//===--- ForcedKillCheck.cpp - threadlife ---------------------------------===//

#include "ForcedKillCheck.h"
#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "utils/SignalHandlers.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {
using model::KillKind;

// Every message says what goes wrong, then the fix in a few words.
constexpr llvm::StringLiteral AskToStop =
    "ask the thread to stop (stop token or atomic flag) and join it";

std::vector<llvm::StringRef> killFunctionNames() {
  std::vector<llvm::StringRef> Names;
  for (const model::KillFunction &F : model::killFunctions())
    Names.push_back(F.Name);
  return Names;
}

bool callsAny(const Stmt &Body, llvm::ArrayRef<llvm::StringRef> Names,
              ASTContext &Ctx) {
  return !match(findAll(model::cApiCall(Names)), Body, Ctx).empty();
}
} // namespace

void ForcedKillCheck::noteKillableAlternative(SourceLocation Loc) {
  diag(Loc,
       "work that cannot stop itself can run in a child process, which is "
       "safe to kill: %0",
       DiagnosticIDs::Note)
      << model::recommendedKillableTask();
}

void ForcedKillCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callee(functionDecl(model::cApiFunction(killFunctionNames()))
                          .bind("function")))
          .bind("call"),
      this);
  for (const model::KillMethod &M : model::killMethods())
    Finder->addMatcher(
        callExpr(callee(cxxMethodDecl(hasName(M.Method),
                                      ofClass(cxxRecordDecl(isSameOrDerivedFrom(
                                          ("::" + M.Class).str()))))
                            .bind("method")))
            .bind("call"),
        this);
}

void ForcedKillCheck::registerPPCallbacks(const SourceManager &,
                                          Preprocessor *PP, Preprocessor *) {
  this->PP = PP;
}

void ForcedKillCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  ASTContext &Ctx = *Result.Context;
  if (const auto *Method = Result.Nodes.getNodeAs<CXXMethodDecl>("method")) {
    const model::KillMethod *Kill =
        llvm::find_if(model::killMethods(), [&](const model::KillMethod &M) {
          return Method->getName() == M.Method;
        });
    if (Kill != model::killMethods().end() &&
        Kill->Kind == model::KillKind::QtTerminate) {
      diag(Call->getExprLoc(),
           "QThread::terminate kills the thread wherever it is: mutexes stay "
           "locked and no destructor runs; call requestInterruption() and "
           "wait(), and check isInterruptionRequested() in run()");
      noteKillableAlternative(Call->getExprLoc());
      return;
    }
    // setTerminationEnabled(bool enabled = true): only enabling is a hazard.
    if (Call->getNumArgs() == 1) {
      bool Enabled = false;
      if (Call->getArg(0)->EvaluateAsBooleanCondition(Enabled, Ctx) && Enabled)
        diag(Call->getExprLoc(),
             "QThread::setTerminationEnabled(true) lets terminate() kill this "
             "thread at any point, with locks held; keep termination disabled "
             "and stop with requestInterruption()");
    }
    return;
  }
  checkCall(Call, Result.Nodes.getNodeAs<FunctionDecl>("function"), Ctx);
}

void ForcedKillCheck::checkCall(const CallExpr *Call,
                                const FunctionDecl *Callee, ASTContext &Ctx) {
  const model::KillFunction *Api =
      model::findRow(model::killFunctions(), Callee->getName());
  if (!Api || Callee->getNumParams() != Api->NumParams ||
      Call->getNumArgs() != Api->NumParams)
    return;
  const bool IsCxx = Ctx.getLangOpts().CPlusPlus;
  const SourceLocation Loc = Call->getExprLoc();

  switch (Api->Kind) {
  case KillKind::PosixCancel:
    checkCancel(Call, Ctx);
    return;
  case KillKind::PosixSignal:
    checkSignal(Call, Ctx);
    return;
  case KillKind::PosixAsyncCancelType: {
    std::optional<int64_t> Type =
        model::integerValue(Call->getArg(*Api->DecidingArg), Ctx);
    std::optional<int64_t> Async =
        model::namedConstant(model::asyncCancelTypeName(), Ctx, PP);
    if (Type && Async && *Type == *Async)
      diag(Loc, "asynchronous cancellation can end the thread between any two "
                "instructions, inside malloc or with a lock held; %0")
          << AskToStop;
    return;
  }
  case KillKind::PosixExit:
    if (IsCxx)
      diag(Loc, "%0 unwinds the thread by force: a noexcept function or a "
                "'catch (...)' that does not rethrow on the way ends the "
                "process; return from the thread function instead")
          << Callee->getName();
    return;
  case KillKind::WinExit:
    if (IsCxx)
      diag(Loc, "%0 ends the thread without unwinding: no destructor of an "
                "object on its stack runs, so locks stay held and memory "
                "leaks; return from the thread function instead")
          << Callee->getName();
    return;
  case KillKind::WinTerminate:
    diag(Loc, "TerminateThread kills the thread wherever it is: its locks stay "
              "held, its stack and heap blocks leak and no destructor runs; "
              "ask the thread to stop (an event or atomic flag it checks) and "
              "wait for it");
    noteKillableAlternative(Loc);
    return;
  case KillKind::WinSuspend:
    diag(Loc, "SuspendThread freezes the thread wherever it is, perhaps "
              "holding the heap lock or another lock the caller then waits "
              "for; ask the thread to pause or stop itself");
    noteKillableAlternative(Loc);
    return;
  case KillKind::PythonAsyncException: {
    const Expr *Exception = Call->getArg(*Api->DecidingArg);
    // A null exception clears a pending one: that is not a kill.
    if (Exception->isNullPointerConstant(Ctx,
                                         Expr::NPC_ValueDependentIsNotNull))
      return;
    diag(Loc, "PyThreadState_SetAsyncExc raises an exception in another thread "
              "at an arbitrary point, even inside a 'with' block's cleanup or "
              "a lock acquire; set a threading.Event the thread checks and "
              "join it");
    return;
  }
  case KillKind::QtTerminate:
  case KillKind::QtTerminationEnabled:
    return; // methods, handled in check()
  }
}

void ForcedKillCheck::checkCancel(const CallExpr *Call, ASTContext &Ctx) {
  const SourceLocation Loc = Call->getExprLoc();
  if (Ctx.getLangOpts().CPlusPlus) {
    diag(Loc, "pthread_cancel unwinds the thread by force: through a noexcept "
              "function or a 'catch (...)' that does not rethrow it ends the "
              "process, and locks held outside RAII stay held; %0")
        << AskToStop;
    noteKillableAlternative(Loc);
    return;
  }

  // In C, deferred cancellation is a design: a thread whose functions install
  // cleanup handlers releases what it holds. Find the cancelled thread's start
  // routines through the pthread_create calls that fill the same handle.
  llvm::SmallVector<const FunctionDecl *, 2> Bare;
  bool FoundStart = false;
  if (const ValueDecl *Handle = referencedDecl(Call->getArg(0))) {
    const model::HandleFunction &Create =
        *model::findRow(model::handleFunctions(), model::posixThreadCreate());
    auto Creates = match(
        translationUnitDecl(forEachDescendant(
            model::cApiCall({model::posixThreadCreate()}).bind("create"))),
        *Ctx.getTranslationUnitDecl(), Ctx);
    for (const BoundNodes &Node : Creates) {
      const auto *Created = Node.getNodeAs<CallExpr>("create");
      if (Created->getNumArgs() <= *Create.StartArg ||
          referencedDecl(Created->getArg(Create.HandleArg)) != Handle)
        continue;
      const auto *Start = dyn_cast_or_null<FunctionDecl>(
          referencedDecl(Created->getArg(*Create.StartArg)));
      const FunctionDecl *Definition = Start ? Start->getDefinition() : nullptr;
      if (!Definition || !Definition->getBody()) {
        FoundStart = false;
        Bare.clear();
        break; // one start routine unseen: cannot tell, flag as unknown
      }
      FoundStart = true;
      if (!callsAny(*Definition->getBody(), model::cleanupHandlerInstallers(),
                    Ctx))
        Bare.push_back(Definition);
    }
  }
  if (FoundStart && Bare.empty())
    return;

  diag(Loc, "pthread_cancel ends the thread at its next cancellation point; "
            "unless its function installs cleanup handlers, locks it holds "
            "stay held and what it allocated leaks; %0")
      << AskToStop;
  noteKillableAlternative(Loc);
  for (const FunctionDecl *Start : Bare)
    diag(Start->getLocation(),
         "thread function %0 installs no cleanup handler "
         "(pthread_cleanup_push)",
         DiagnosticIDs::Note)
        << Start;
}

// The name of the ending signal \p Signal is, if it is one.
std::optional<llvm::StringRef> ForcedKillCheck::endingSignal(int64_t Signal,
                                                             ASTContext &Ctx) {
  for (llvm::StringRef Candidate : model::endingSignals())
    if (model::namedConstant(Candidate, Ctx, PP) == Signal)
      return Candidate;
  std::optional<llvm::StringRef> Posix = model::posixSignalName(Signal);
  if (!Posix || model::namedConstant(*Posix, Ctx, PP))
    return std::nullopt; // not an ending signal here
  return Posix;
}

// A thread that blocks \p Signal and consumes it with sigwait() (or signalfd)
// is being asked to stop, not killed: no handler runs.
static bool consumedSynchronously(int64_t Signal, ASTContext &Ctx) {
  TranslationUnitDecl &TU = *Ctx.getTranslationUnitDecl();
  if (match(translationUnitDecl(
                hasDescendant(model::cApiCall(model::signalConsumers()))),
            TU, Ctx)
          .empty())
    return false;
  for (const BoundNodes &Node :
       match(translationUnitDecl(forEachDescendant(
                 model::cApiCall({model::signalSetAdder()}).bind("add"))),
             TU, Ctx)) {
    const auto *Add = Node.getNodeAs<CallExpr>("add");
    if (Add->getNumArgs() == 2 &&
        model::integerValue(Add->getArg(1), Ctx) == Signal)
      return true;
  }
  return false;
}

void ForcedKillCheck::checkSignal(const CallExpr *Call, ASTContext &Ctx) {
  std::optional<int64_t> Signal = model::integerValue(Call->getArg(1), Ctx);
  if (!Signal || *Signal == 0 || consumedSynchronously(*Signal, Ctx))
    return;
  if (std::optional<llvm::StringRef> Name = endingSignal(*Signal, Ctx)) {
    diag(Call->getExprLoc(),
         "pthread_kill with %0 does not stop one thread: the signal's default "
         "action ends the whole process, and a handler that exits the thread "
         "skips all cleanup; %1")
        << *Name << AskToStop;
    noteKillableAlternative(Call->getExprLoc());
    return;
  }
  // A wake-up signal whose handler ends the thread (or jumps out of the
  // interrupted code) kills it all the same.
  std::optional<HandlerEscape> Escape = escapingHandler(*Signal, Ctx);
  if (!Escape)
    return;
  diag(Call->getExprLoc(),
       "pthread_kill runs a handler that calls %0: the thread leaves whatever "
       "it was doing, with its locks held and no destructor run; %1")
      << Escape->Escape->getDirectCallee()->getName() << AskToStop;
  diag(Escape->Handler->getLocation(),
       "handler %0, installed for this signal in this file",
       DiagnosticIDs::Note)
      << Escape->Handler;
  diag(Escape->Escape->getExprLoc(),
       "the handler leaves here, never returning to the interrupted code",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::threadlife
