//===--- QueueWaits.cpp - queues whose waits a stop cannot end ------------===//

#include "QueueWaits.h"
#include "../StopAnalysis.h"
#include "../model/ThreadModel.h"
#include "CalleeClosure.h"
#include "Loops.h"
#include "NamedDecls.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

bool isBoolLike(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isBooleanType())
    return true;
  const auto *Atomic = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Atomic || !Atomic->getIdentifier() || Atomic->getName() != "atomic")
    return false;
  const TemplateArgumentList &Args = Atomic->getTemplateArgs();
  return Args.size() == 1 && Args[0].getKind() == TemplateArgument::Type &&
         Args[0].getAsType()->isBooleanType();
}

/// Whether \p S (a predicate or a loop condition) can be made true by
/// something other than the data it waits for: it reads a boolean, or calls
/// anything but a container's empty() and size() or an atomic's load().
/// \p ReadsContainer: whether it asks a container for its size.
bool mayEndOtherwise(const Stmt *S, bool &ReadsContainer) {
  if (!S)
    return false;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
    return mayEndOtherwise(Lambda->getBody(), ReadsContainer);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (isBoolLike(Ref->getDecl()->getType()))
      return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    if (isa<FieldDecl>(Member->getMemberDecl()) &&
        isBoolLike(Member->getMemberDecl()->getType()))
      return true;
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && !isa<CXXOperatorCallExpr>(Call)) {
    const auto *Callee =
        dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
    if (!Callee || !Callee->getIdentifier())
      return true;
    const llvm::StringRef Name = Callee->getName();
    if (Name == "empty" || Name == "size")
      ReadsContainer = true;
    else if (Name != "load")
      return true;
  }
  for (const Stmt *Child : S->children())
    if (mayEndOtherwise(Child, ReadsContainer))
      return true;
  return false;
}

auto namesQueue(const ValueDecl &Queue) {
  return ignoringParenImpCasts(anyOf(declRefExpr(to(equalsNode(&Queue))),
                                     memberExpr(member(equalsNode(&Queue)))));
}

} // namespace

std::optional<bool> QueueWaits::endsOnlyForItsData(const CallExpr &Wait,
                                                   const Stmt &Body,
                                                   WokenWait Woken) {
  if (Woken(Wait, Body))
    return std::nullopt;
  // A wait without a predicate: its loop says what it waits for.
  const Expr *Condition = nullptr;
  if (Wait.getNumArgs() >= 2)
    Condition = Wait.getArg(1);
  else if (auto Loops = enclosingLoops(Wait, Ctx, &Body); !Loops.empty())
    Condition = loopCondition(*Loops.front());
  bool ReadsContainer = false;
  if (!Condition || mayEndOtherwise(Condition, ReadsContainer))
    return std::nullopt;
  return ReadsContainer;
}

std::optional<QueueWaits::DataWait>
QueueWaits::dataOnlyWait(const FunctionDecl &Callee, WokenWait Woken) {
  if (auto It = Found.find(&Callee); It != Found.end())
    return It->second;
  std::optional<DataWait> Result;
  const FunctionDecl *Definition = Callee.getDefinition();
  if (Definition && Definition->getBody() &&
      !Ctx.getSourceManager().isInSystemHeader(Definition->getLocation())) {
    llvm::SmallVector<const CallExpr *, 16> Calls;
    collectCalls(Definition->getBody(), Calls, /*IntoLambdas=*/false);
    for (const CallExpr *Call : Calls) {
      const model::BlockingCall *Blocking =
          model::findBlockingCall(Call->getDirectCallee());
      if (!Blocking || Blocking->Kind != model::BlockKind::ConditionWait)
        continue;
      std::optional<bool> Queue =
          llvm::any_of(Call->arguments(), isStopToken)
              ? std::nullopt
              : endsOnlyForItsData(*Call, *Definition->getBody(), Woken);
      if (!Queue) {
        Result.reset();
        break;
      }
      if (!Result)
        Result = DataWait{Call, *Queue};
    }
  }
  return Found[&Callee] = Result;
}

bool QueueWaits::wokenOnStop(const CXXMemberCallExpr &Call,
                             llvm::StringRef Shutdown,
                             llvm::ArrayRef<const FunctionDecl *> Stoppers) {
  const ValueDecl *Queue = referencedDecl(Call.getImplicitObjectArgument());
  if (!Queue)
    return true;
  auto [It, Inserted] = Touched.try_emplace(Queue, false);
  if (Inserted)
    It->second = touchedOnStop(*Queue, Shutdown);
  if (It->second)
    return true;
  auto UsesQueue = cxxMemberCallExpr(on(namesQueue(*Queue)));
  return llvm::any_of(Stoppers, [&](const FunctionDecl *F) {
    return F->getBody() &&
           !match(findAll(UsesQueue), *F->getBody(), Ctx).empty();
  });
}

// One walk of the translation unit per queue asked about; only queues that
// a stop-observing loop blocks on are.
bool QueueWaits::touchedOnStop(const ValueDecl &Queue,
                               llvm::StringRef Shutdown) {
  auto Uses = match(cxxMemberCallExpr(on(namesQueue(Queue)),
                                      forFunction(functionDecl().bind("fn")))
                        .bind("use"),
                    Ctx);
  auto RequestsStop = findAll(cxxMemberCallExpr(
      callee(cxxMethodDecl(hasName(model::stopRequestMethod())))));
  for (const BoundNodes &Use : Uses) {
    const CXXMethodDecl *Method =
        Use.getNodeAs<CXXMemberCallExpr>("use")->getMethodDecl();
    const auto *Fn = Use.getNodeAs<FunctionDecl>("fn");
    if (!Shutdown.empty() && Method && Method->getIdentifier() &&
        Method->getName() == Shutdown)
      return true;
    if (isa<CXXDestructorDecl>(Fn) ||
        (Fn->getBody() && !match(RequestsStop, *Fn->getBody(), Ctx).empty()))
      return true;
  }
  return false;
}

} // namespace clang::tidy::threadlife
