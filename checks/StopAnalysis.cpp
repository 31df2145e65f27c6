//===--- StopAnalysis.cpp - where a stop request reaches ------------------===//

#include "StopAnalysis.h"
#include "utils/KnownValues.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::threadlife {

namespace {
// Deep enough for `loop -> keep_going(st) -> check(st)`, shallow enough that
// a large file costs little.
constexpr unsigned MaxDepth = 3;

bool isVisibleFunction(const FunctionDecl *F, const ASTContext &Ctx) {
  // Library bodies are known by name (ThreadModel); only project code is
  // followed.
  return F->hasBody() &&
         !Ctx.getSourceManager().isInSystemHeader(F->getLocation());
}
} // namespace

bool isStopToken(const Expr *E) {
  return model::isClassOneOf(E->getType(), model::stopTokenTypes());
}

StopAnalysis::StopAnalysis(ASTContext &Ctx,
                           std::vector<std::string> ExtraObservers)
    : Ctx(Ctx), ExtraObservers(std::move(ExtraObservers)) {
  ExtraRefs.assign(this->ExtraObservers.begin(), this->ExtraObservers.end());
}

bool StopAnalysis::observesStop(const Stmt &S) { return walk(&S, 0); }

bool StopAnalysis::isObserverCall(const CallExpr &Call) const {
  const FunctionDecl *F = Call.getDirectCallee();
  if (!F)
    return false;
  if (model::isOneOf(F, model::stopObservers()) || model::isOneOf(F, ExtraRefs))
    return true;
  return model::isOneOf(F, model::stopAwareWaits()) &&
         llvm::any_of(Call.arguments(), isStopToken);
}

bool StopAnalysis::functionObserves(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Definition = nullptr;
  if (!F->hasBody(Definition))
    return false;
  auto [It, Inserted] = Cache.try_emplace(Definition, false);
  if (!Inserted)
    return It->second; // analysed, or being analysed (recursion): no
  bool Observes = walk(Definition->getBody(), Depth);
  Cache[Definition] = Observes;
  return Observes;
}

bool StopAnalysis::walk(const Stmt *S, unsigned Depth) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (isObserverCall(*Call))
      return true;
    if (const FunctionDecl *F = Call->getDirectCallee()) {
      const bool GivenToken = llvm::any_of(Call->arguments(), isStopToken);
      if (isVisibleFunction(F, Ctx)) {
        if (Depth < MaxDepth && functionObserves(F, Depth + 1))
          return true;
        // Too deep to look: a function given the token is taken to use it.
        if (GivenToken && Depth >= MaxDepth)
          return true;
      } else if (GivenToken) {
        // A function we cannot see that is given the token uses it.
        return true;
      }
    } else if (llvm::any_of(Call->arguments(), isStopToken)) {
      return true; // a call through a pointer or a callable object
    }
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (model::isClassOneOf(Construct->getType(), model::stopCallbackTypes()))
      return true;
    if (!model::isClassOneOf(Construct->getType(), model::stopTokenTypes()) &&
        llvm::any_of(Construct->arguments(), isStopToken))
      return true; // an object built around the token
  }
  for (const Stmt *Child : S->children())
    if (walk(Child, Depth))
      return true;
  return false;
}

namespace {
/// The period of a std::chrono::duration specialization, in seconds.
std::optional<double> chronoPeriod(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || Spec->getName() != "duration" ||
      Spec->getTemplateArgs().size() < 2)
    return std::nullopt;
  const TemplateArgument &Period = Spec->getTemplateArgs()[1];
  if (Period.getKind() != TemplateArgument::Type)
    return std::nullopt;
  const auto *Ratio = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Period.getAsType()->getAsCXXRecordDecl());
  if (!Ratio || Ratio->getTemplateArgs().size() < 2 ||
      Ratio->getTemplateArgs()[0].getKind() != TemplateArgument::Integral ||
      Ratio->getTemplateArgs()[1].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  double Num = Ratio->getTemplateArgs()[0].getAsIntegral().getSExtValue();
  double Den = Ratio->getTemplateArgs()[1].getAsIntegral().getSExtValue();
  if (Den == 0)
    return std::nullopt;
  return Num / Den;
}

/// The count a duration is built from: `milliseconds(n)`.
const Expr *tickCount(const Expr *Duration) {
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Duration))
    Duration = Cast->getSubExpr()->IgnoreImplicit();
  const auto *Construct = dyn_cast<CXXConstructExpr>(Duration);
  if (!Construct || Construct->getNumArgs() != 1 ||
      !Construct->getArg(0)->getType()->isIntegerType())
    return nullptr;
  return Construct->getArg(0);
}

std::optional<double> numberOf(const APValue &V) {
  if (V.isInt())
    return V.getInt().getSExtValue();
  if (V.isFloat())
    return V.getFloat().convertToDouble();
  return std::nullopt;
}
} // namespace

std::optional<double> durationMillis(const Expr *Duration, model::TimeUnit Unit,
                                     ASTContext &Ctx) {
  if (!Duration || Duration->isValueDependent())
    return std::nullopt;
  if (Unit != model::TimeUnit::Chrono) {
    std::optional<int64_t> Count = smallestKnownValue(Duration, Ctx);
    if (!Count)
      return std::nullopt;
    switch (Unit) {
    case model::TimeUnit::Seconds:
      return *Count * 1000.0;
    case model::TimeUnit::Milliseconds:
      return double(*Count);
    case model::TimeUnit::Microseconds:
      return *Count / 1000.0;
    case model::TimeUnit::Chrono:
      break;
    }
    return std::nullopt;
  }
  const Expr *E = Duration->IgnoreImplicit();
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temp->getSubExpr()->IgnoreImplicit();
  std::optional<double> Period = chronoPeriod(E->getType());
  if (!Period)
    return std::nullopt;
  // A duration is a literal type holding one number: evaluate the object and
  // read that number.
  Expr::EvalResult Result;
  std::optional<double> Count;
  if (E->EvaluateAsRValue(Result, Ctx) && Result.Val.isStruct() &&
      Result.Val.getStructNumFields() >= 1)
    Count = numberOf(Result.Val.getStructField(0));
  else if (const Expr *Ticks = tickCount(E))
    Count = smallestKnownValue(Ticks, Ctx); // milliseconds(interval_)
  if (!Count)
    return std::nullopt;
  return *Count * *Period * 1000.0;
}

} // namespace clang::tidy::threadlife
