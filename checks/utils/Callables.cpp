//===--- Callables.cpp - the function a callable runs ---------------------===//

#include "utils/Callables.h"
#include "model/ThreadModel.h"
#include "utils/DeclWalks.h"
#include "utils/Expressions.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::threadlife {

const FunctionDecl *callableBody(const Expr *Callable,
                                 const LambdaExpr **Lambda) {
  if (Lambda)
    *Lambda = nullptr;
  const Expr *E = Callable;
  bool Wrapped = false;
  for (unsigned Steps = 0; E && Steps < 8; ++Steps) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // Copying or moving a lambda object, or a std::function made of one
      // (whose signature a fix-it on the lambda would have to keep).
      const bool Holder =
          model::isClassOneOf(Construct->getType(), model::callableHolders());
      if (Construct->getNumArgs() != 1 ||
          (!Holder && !Construct->getConstructor()->isCopyOrMoveConstructor()))
        return nullptr;
      Wrapped |= Holder;
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *L = dyn_cast<LambdaExpr>(E)) {
      if (Lambda && !Wrapped)
        *Lambda = L;
      const CXXMethodDecl *Call = L->getCallOperator();
      return Call->getDescribedFunctionTemplate() ? nullptr : Call;
    }
    if (const auto *Wrap = dyn_cast<CallExpr>(E)) {
      if (Wrap->getNumArgs() == 0 ||
          !model::isOneOf(Wrap->getDirectCallee(), model::callableWrappers()))
        return nullptr;
      E = Wrap->getArg(0);
      Wrapped = true; // the wrapper, not the lambda, is what a fix-it sees
      continue;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_AddrOf)
        return nullptr;
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        const FunctionDecl *Definition = F->getDefinition();
        return Definition ? Definition : F;
      }
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!Var || isa<ParmVarDecl>(Var) || !Var->getInit())
        return nullptr;
      // A lambda kept in a local first: not written at the thread's start,
      // so no fix-it edits it.
      return callableBody(Var->getInit(), nullptr);
    }
    return nullptr;
  }
  return nullptr;
}

namespace {

/// The constructions of the classes that keep a callable argument.
class KeptArguments : public RecursiveASTVisitor<KeptArguments> {
public:
  using Visit = llvm::function_ref<void(const CXXConstructExpr &)>;
  KeptArguments(const SourceManager &SM, Visit OnConstruct)
      : SM(SM), OnConstruct(OnConstruct) {}
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (!SM.isInSystemHeader(E->getBeginLoc()))
      OnConstruct(*E);
    return true;
  }

private:
  const SourceManager &SM;
  Visit OnConstruct;
};

} // namespace

StoredCallables::StoredCallables(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  forEachNestedDecl(*Ctx.getTranslationUnitDecl(), [&](const Decl &D) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(&D);
    if (Ctor && Ctor->isThisDeclarationADefinition() &&
        !SM.isInSystemHeader(Ctor->getLocation()))
      indexConstructor(*Ctor);
  });
  if (Keepers.empty())
    return; // no class of the file keeps a callable: nothing to walk for
  KeptArguments(SM, [&](const CXXConstructExpr &E) {
    auto It = Keepers.find(E.getConstructor()->getCanonicalDecl());
    if (It == Keepers.end())
      return;
    for (const auto &[Param, Field] : It->second)
      if (Param < E.getNumArgs())
        if (const FunctionDecl *Body = callableBody(E.getArg(Param)))
          Stored[Field].push_back(Body);
  }).TraverseAST(Ctx);
}

void StoredCallables::indexConstructor(const CXXConstructorDecl &Ctor) {
  for (const CXXCtorInitializer *Init : Ctor.inits()) {
    const FieldDecl *Field = Init->getMember();
    if (!Field ||
        !model::isClassOneOf(Field->getType(), model::callableHolders()))
      continue;
    const Expr *Kept = skipCopies(Init->getInit());
    if (const Expr *Moved = movedFrom(Kept))
      Kept = skipCopies(Moved);
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Kept);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (Param && Param->getDeclContext() == &Ctor)
      Keepers[Ctor.getCanonicalDecl()].push_back(
          {Param->getFunctionScopeIndex(), Field});
  }
}

llvm::ArrayRef<const FunctionDecl *>
StoredCallables::calledBy(const CallExpr &Call) const {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return {};
  const auto *Member =
      dyn_cast<MemberExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  const auto *Field =
      Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  auto It = Field ? Stored.find(Field) : Stored.end();
  if (It == Stored.end())
    return {};
  return It->second;
}

} // namespace clang::tidy::threadlife
