//===--- StopFlags.cpp - the flags that decide threads' loops -------------===//

#include "StopFlags.h"
#include "model/ThreadModel.h"
#include "utils/Callables.h"
#include "utils/Loops.h"
#include "utils/NamedDecls.h"
#include "utils/ThreadContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife {

namespace {

// How far calls are followed from a thread body to find the code it runs.
constexpr unsigned CalleeDepth = 2;

bool isNestedIn(const FunctionDecl *Inner, const FunctionDecl *Outer) {
  for (const DeclContext *DC = Inner; DC; DC = DC->getParent())
    if (DC == Outer)
      return true;
  return false;
}

bool isSignalFlagTypedef(QualType T) {
  while (const auto *Typedef = T->getAs<TypedefType>()) {
    if (llvm::is_contained(model::signalFlagTypedefs(),
                           Typedef->getDecl()->getName()))
      return true;
    T = Typedef->desugar();
  }
  return false;
}

bool isScalarFlagType(QualType T) {
  return T->isBooleanType() || T->isIntegerType() || T->isEnumeralType();
}

bool isFlagType(QualType T, FlagKinds Kinds) {
  if (T.isNull() || T->isReferenceType() || T.isConstQualified() ||
      T->isAtomicType() || isSignalFlagTypedef(T))
    return false;
  if (isScalarFlagType(T))
    return true;
  if (Kinds == FlagKinds::Plain ||
      !model::isClassOneOf(T, model::atomicTypes()))
    return false;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  return Spec && Spec->getTemplateArgs().size() == 1 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isScalarFlagType(Spec->getTemplateArgs()[0].getAsType());
}

/// The variable, member or by-reference capture a flag expression names.
/// \p Context is the object the thread body \p Reader was given, if it is
/// one.
const ValueDecl *flagDecl(const Expr *E, const FunctionDecl &Reader,
                          const ContextVars *Context) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    // Only members of an object every function names alike (`this->flag`,
    // a global's, the thread's context: `ctx->quit`) are the same object in
    // the writer; `other.flag` may be another one.
    if (Field && reachesSharedObject(*Member, Context))
      return Field;
    if (const auto *Var = dyn_cast<VarDecl>(Member->getMemberDecl()))
      return Var->hasGlobalStorage() ? Var : nullptr; // static member
    return nullptr;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || Var->getTLSKind() != VarDecl::TLS_None)
    return nullptr;
  if (Var->hasGlobalStorage())
    return Var;
  // A local of the function that started the thread, captured by reference.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Reader);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  for (const LambdaCapture &Capture : Method->getParent()->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == Var)
      return Capture.getCaptureKind() == LCK_ByRef ? Var : nullptr;
  return nullptr;
}

/// The object an atomic's read names: `flag.load()`, `flag` converted to
/// its value.
const Expr *atomicRead(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method ||
      !model::isClassOneOf(
          Call.getImplicitObjectArgument()->getType().getNonReferenceType(),
          model::atomicTypes()))
    return nullptr;
  const bool Reads = isa<CXXConversionDecl>(Method) ||
                     (Method->getIdentifier() &&
                      Method->getName() == model::atomicLoadMethod());
  return Reads ? Call.getImplicitObjectArgument() : nullptr;
}

using FlagReads =
    llvm::SmallVectorImpl<std::pair<const Expr *, const FunctionDecl *>>;

/// The candidate flags whose value a condition tests: the condition itself,
/// an operand of !, && or ||, a side of a comparison with a constant
/// (`state != kStopped`), or what a helper it calls returns, one call deep.
/// A counter compared with a bound (`i < n`) is not a stop flag.
class FlagReadCollector {
public:
  FlagReadCollector(ASTContext &Ctx, FlagKinds Kinds)
      : Ctx(Ctx), Kinds(Kinds) {}

  void collect(const Expr *Cond, const FunctionDecl &Reader,
               const ContextVars *Context, FlagReads &Reads, unsigned Depth) {
    if (!Cond)
      return;
    const Expr *E = Cond->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot)
      return collect(Not->getSubExpr(), Reader, Context, Reads, Depth);
    if (const auto *Binary = dyn_cast<BinaryOperator>(E))
      return binary(*Binary, Reader, Context, Reads, Depth);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
      if (const Expr *Object = atomicRead(*Member))
        return name(Object, Reader, Context, Reads);
    if (const auto *Call = dyn_cast<CallExpr>(E))
      return returned(*Call, Reads, Depth);
    name(E, Reader, Context, Reads);
  }

private:
  void binary(const BinaryOperator &Binary, const FunctionDecl &Reader,
              const ContextVars *Context, FlagReads &Reads, unsigned Depth) {
    if (Binary.isLogicalOp()) {
      collect(Binary.getLHS(), Reader, Context, Reads, Depth);
      collect(Binary.getRHS(), Reader, Context, Reads, Depth);
    } else if (Binary.isEqualityOp()) {
      auto Constant = [&](const Expr *Side) {
        return !Side->isValueDependent() && Side->isIntegerConstantExpr(Ctx);
      };
      const Expr *L = Binary.getLHS(), *R = Binary.getRHS();
      if (Constant(R))
        collect(L, Reader, Context, Reads, Depth);
      else if (Constant(L))
        collect(R, Reader, Context, Reads, Depth);
    }
  }

  void name(const Expr *E, const FunctionDecl &Reader,
            const ContextVars *Context, FlagReads &Reads) {
    E = E->IgnoreParenImpCasts();
    if (isa<DeclRefExpr, MemberExpr>(E))
      if (const ValueDecl *D = flagDecl(E, Reader, Context);
          D && isFlagType(D->getType(), Kinds))
        Reads.push_back({E, &Reader});
  }

  // What a helper the condition calls (`while (running())`) returns, in the
  // functions of this file. A method called on a member by value
  // (`error_.retryable()`) reads a field that every object of a value class
  // has, written by its methods on any of them: not followed.
  void returned(const CallExpr &Call, FlagReads &Reads, unsigned Depth) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      if (const auto *Callee = dyn_cast_or_null<MemberExpr>(
              Member->getCallee()->IgnoreParenImpCasts());
          Callee && !Callee->isArrow() &&
          !isa<CXXThisExpr>(Callee->getBase()->IgnoreParenImpCasts()))
        return;
    const FunctionDecl *F = Call.getDirectCallee();
    const FunctionDecl *Def = F ? F->getDefinition() : nullptr;
    if (Depth > 0 || !Def || !Def->getBody() ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
      return;
    llvm::SmallVector<const Stmt *, 16> Work = {Def->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
        if (const Expr *Value = Return->getRetValue())
          collect(Value, *Def, nullptr, Reads, Depth + 1);
        continue;
      }
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }

  ASTContext &Ctx;
  const FlagKinds Kinds;
};

// Set up by the function that starts the thread, before it does: \p Start
// is in it, or in a function it calls after the write (a wrapper class's
// start()).
bool startsLater(const FlagWrite &W, const Expr &Start,
                 const SourceManager &SM) {
  const Stmt *Body = W.Function->getBody();
  if (!Body)
    return false;
  auto Contains = [&](const Stmt *S) {
    return S && S->getSourceRange().fullyContains(Start.getSourceRange());
  };
  auto After = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(W.Access->getBeginLoc(),
                                        S.getBeginLoc());
  };
  if (Contains(Body))
    return After(Start);
  llvm::SmallVector<const CallExpr *, 16> Calls;
  collectCalls(Body, Calls, /*IntoLambdas=*/false);
  return llvm::any_of(Calls, [&](const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    return Def && Contains(Def->getBody()) && After(*Call);
  });
}

} // namespace

StopFlagPolls::StopFlagPolls(ASTContext &Ctx, const ThreadBodies::Map &Bodies,
                             FlagKinds Kinds)
    : Ctx(Ctx) {
  if (Bodies.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  // A thread body that calls a virtual method (a wrapper's trampoline
  // calling Execute()) runs the overrides.
  const OverrideIndex Overrides(*Ctx.getTranslationUnitDecl());
  // A wrapper class's trampoline calling the std::function it keeps runs
  // what its constructor was given.
  const StoredCallables Stored(Ctx);
  FlagReadCollector Collector(Ctx, Kinds);
  for (const auto &[Body, Start] : Bodies) {
    const FunctionDecl *Def = Body->getDefinition();
    if (!Def || !Def->getBody() || SM.isInSystemHeader(Def->getLocation()))
      continue;
    FunctionSet &Code = ThreadCode[Def];
    addCalleeClosure(
        *Def, CalleeDepth, SM, Code, [](const CallExpr &) { return true; },
        &Overrides, &Stored);
    const ContextVars Context = threadContext(*Def);
    for (const FunctionDecl *F : Code)
      for (const Stmt *Loop : loopsOf(*F->getBody())) {
        llvm::SmallVector<std::pair<const Expr *, const FunctionDecl *>, 4>
            Reads;
        for (const Stmt *Decider : loopDeciders(*Loop))
          Collector.collect(dyn_cast<Expr>(Decider), *F,
                            F == Def ? &Context : nullptr, Reads, 0);
        for (const auto &[Read, Reader] : Reads) {
          const ValueDecl *Flag = referencedDecl(Read);
          if (!Flag)
            continue;
          std::vector<FlagPoll> &List = Polls[Flag];
          if (llvm::none_of(List,
                            [&](const FlagPoll &P) { return P.Read == Read; }))
            List.push_back({Loop, F, Read, Reader, Def, Start});
        }
      }
  }
}

FlagUses StopFlagPolls::uses() const {
  llvm::SmallPtrSet<const ValueDecl *, 8> Flags;
  for (const auto &Entry : Polls)
    Flags.insert(Entry.first);
  return findFlagUses(Ctx, Flags);
}

std::vector<FlagWrite> StopFlagPolls::racingWrites(const ValueDecl *Flag,
                                                   const FlagUses &Uses) const {
  const SourceManager &SM = Ctx.getSourceManager();
  auto It = Polls.find(Flag);
  if (It == Polls.end())
    return {};
  std::vector<FlagWrite> Writers;
  for (const auto &[D, W] : Uses.Writes) {
    if (D != Flag || !W.Function || isa<CXXConstructorDecl>(W.Function))
      continue;
    bool SameThread = false, BeforeStart = false;
    for (const FlagPoll &P : It->second) {
      if (auto Code = ThreadCode.find(P.Body); Code != ThreadCode.end())
        for (const FunctionDecl *F : Code->second)
          if (isNestedIn(W.Function, F))
            SameThread = true;
      if (P.Start && startsLater(W, *P.Start, SM))
        BeforeStart = true;
    }
    if (!SameThread && !BeforeStart)
      Writers.push_back(W);
  }
  return Writers;
}

} // namespace clang::tidy::threadlife
