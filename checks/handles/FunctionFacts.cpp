//===--- FunctionFacts.cpp - one function, read once ----------------------===//

#include "handles/FunctionFacts.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

bool FunctionFacts::inJoinLoop(const Stmt *S,
                               const ValueDecl *Container) const {
  for (const auto &[Loop, C] : JoinLoops) {
    if (C != Container)
      continue;
    for (const Stmt *P = S; P; P = Parents->getParent(P))
      if (P == Loop)
        return true;
  }
  return false;
}

const Stmt *FunctionFacts::parentOf(const Stmt *S) const {
  const Stmt *P = Parents->getParent(S);
  while (P && (isa<ParenExpr, ImplicitCastExpr, CXXBindTemporaryExpr,
                   MaterializeTemporaryExpr, ExprWithCleanups>(P)))
    P = Parents->getParent(P);
  return P;
}

namespace {

// Collects what FunctionFacts holds in one pass over the body.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  BodyScanner(FunctionFacts &F, const ThreadApi &Api, ASTContext &Ctx,
              const Preprocessor *PP)
      : F(F), Api(Api), Ctx(Ctx), PP(PP) {}

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          F.Aliased.insert(Var);
    // A lambda's body runs elsewhere (or later): not part of this CFG.
    for (Expr *Init : Lambda->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }

  bool VisitDeclStmt(DeclStmt *S) {
    for (Decl *D : S->decls())
      if (auto *Var = dyn_cast<VarDecl>(D)) {
        if (const Stmt *Scope = F.Parents->getParent(S))
          F.Scopes[Var] = Scope;
        if (Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
          F.Locals.push_back(Var);
        if (const model::HandleFunction *Create = createResult(Var->getInit()))
          F.ReturnedHandles.try_emplace(Var, Create->Library);
      }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->getOpcode() == UO_AddrOf)
      if (const auto *Var =
              dyn_cast_or_null<VarDecl>(namedDecl(Op->getSubExpr())))
        F.Aliased.insert(Var);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_Assign)
      return true;
    if (const model::HandleFunction *Create = createResult(Op->getRHS())) {
      if (const auto *Var = dyn_cast_or_null<VarDecl>(namedDecl(Op->getLHS())))
        F.ReturnedHandles.try_emplace(Var, Create->Library);
      if (const auto *Field =
              dyn_cast_or_null<FieldDecl>(referencedDecl(Op->getLHS())))
        F.ReturnedFields.try_emplace(Field, Create->Library);
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    noteReferenceArguments(Call);
    const model::HandleFunction *HF = Api.handleFunction(Call);
    if (HF && HF->Op == model::HandleOp::CreateIntoArg) {
      if (const auto *Var = dyn_cast_or_null<VarDecl>(
              filledDecl(Call->getArg(HF->HandleArg))))
        F.FilledHandles.try_emplace(Var, HF->Library);
      if (const FieldDecl *Field = filledField(Call->getArg(HF->HandleArg)))
        F.FilledFields.try_emplace(Field, HF->Library);
    }
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        !HF && Callee && !isa<CXXMethodDecl>(Callee) && Callee->isDefined())
      F.DefinedCalls.push_back(Call);
    if (Api.isCApiCall(Call, model::posixSetDetachState()) &&
        Call->getNumArgs() == 2)
      noteDetachState(Call);
    return true;
  }

  bool VisitStmt(Stmt *S) {
    if (const auto *E = dyn_cast<Expr>(S); E && isa<RecoveryExpr>(E))
      F.HasErrors = true;
    if (isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S))
      findJoinLoop(S);
    return true;
  }

private:
  const model::HandleFunction *createResult(const Expr *E) {
    if (!E)
      return nullptr;
    const model::HandleFunction *HF =
        Api.handleFunction(dyn_cast<CallExpr>(skipWrappers(E)));
    return HF && HF->Op == model::HandleOp::CreateResult ? HF : nullptr;
  }

  // Passing a local by non-const reference lets the callee change it.
  void noteReferenceArguments(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    for (unsigned I = 0,
                  N = std::min(Call->getNumArgs(), Callee->getNumParams());
         I < N; ++I) {
      QualType Param = Callee->getParamDecl(I)->getType();
      if (Param->isReferenceType() &&
          !Param.getNonReferenceType().isConstQualified())
        if (const auto *Var =
                dyn_cast_or_null<VarDecl>(namedDecl(Call->getArg(I))))
          F.Aliased.insert(Var);
    }
  }

  void noteDetachState(const CallExpr *Call) {
    const auto *Attr = dyn_cast_or_null<VarDecl>(namedDecl(Call->getArg(0)));
    if (!Attr)
      return;
    std::optional<int64_t> Value = model::integerValue(Call->getArg(1), Ctx);
    std::optional<int64_t> Detached =
        model::namedConstant(model::posixCreateDetached(), Ctx, PP);
    bool IsDetached = Value && Detached && *Value == *Detached;
    auto [It, New] = F.DetachAttrs.try_emplace(Attr, IsDetached);
    if (!New)
      It->second = It->second || IsDetached;
  }

  // The handle a join or detach inside a loop acts on; \p Detaches tells
  // which of the two it is.
  const Expr *joinedHandle(const Stmt *S, bool &Detaches) const {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      const model::ThreadClass *Class =
          Method ? Api.threadClass(Method->getParent()) : nullptr;
      if (!Class || !Method->getIdentifier())
        return nullptr;
      Detaches = llvm::is_contained(Class->DetachMethods, Method->getName());
      return Detaches ||
                     llvm::is_contained(Class->JoinMethods, Method->getName())
                 ? Member->getImplicitObjectArgument()
                 : nullptr;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const model::HandleFunction *HF = Api.handleFunction(Call);
      if (!HF || (HF->Op != model::HandleOp::Join &&
                  HF->Op != model::HandleOp::Detach))
        return nullptr;
      Detaches = HF->Op == model::HandleOp::Detach;
      return skipAddressOf(Call->getArg(HF->HandleArg));
    }
    return nullptr;
  }

  // A loop whose body joins or detaches the elements of a container joins
  // them all: the analysis cannot count iterations, and such loops iterate
  // over the whole container in practice.
  void findJoinLoop(const Stmt *Loop) {
    const VarDecl *LoopVar = nullptr;
    const ValueDecl *Range = nullptr;
    if (const auto *ForRange = dyn_cast<CXXForRangeStmt>(Loop)) {
      LoopVar = ForRange->getLoopVariable();
      Range = namedDecl(ForRange->getRangeInit());
    }
    llvm::SmallVector<const Stmt *, 16> Work = {Loop};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      bool Detaches = false;
      if (const Expr *Handle = joinedHandle(S, Detaches)) {
        const ValueDecl *Container = containerOfElement(Handle);
        if (!Container && LoopVar && namedDecl(Handle) == LoopVar)
          Container = Range;
        if (Container)
          F.JoinLoops.push_back({Loop, Container});
        if (Container && Detaches)
          F.DetachLoops[Loop] = cast<Expr>(S);
      }
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }

  FunctionFacts &F;
  const ThreadApi &Api;
  ASTContext &Ctx;
  const Preprocessor *PP;
};

} // namespace

const FunctionFacts *FunctionFactsCache::get(const FunctionDecl *FD) {
  auto &Slot = Facts[FD];
  if (Slot)
    return Slot->Cfg ? Slot.get() : nullptr;
  Slot = std::make_unique<FunctionFacts>();
  Slot->Function = FD;
  Stmt *Body = FD->getBody();
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.setAllAlwaysAdd(); // every use of a handle is an element
  Slot->Cfg = CFG::buildCFG(FD, Body, &Ctx, Options);
  if (!Slot->Cfg)
    return nullptr;
  Slot->Parents = std::make_unique<ParentMap>(Body);
  BodyScanner(*Slot, Api, Ctx, PP).TraverseStmt(Body);
  return Slot.get();
}

bool FunctionFactsCache::selfDetaches(const FunctionDecl *Start) const {
  const FunctionDecl *Definition = Start ? Start->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody())
    return false;
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const model::HandleFunction *HF = Api.handleFunction(Call);
      if (HF && HF->Op == model::HandleOp::Detach) {
        const auto *Self =
            dyn_cast<CallExpr>(skipWrappers(Call->getArg(HF->HandleArg)));
        if (llvm::any_of(model::currentThreadFunctions(),
                         [&](llvm::StringRef Name) {
                           return Api.isCApiCall(Self, Name);
                         }))
          return true;
      }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

bool FunctionFactsCache::onlyReads(const ParmVarDecl *Param) {
  auto [It, New] = ReadOnlyParams.try_emplace(Param, false);
  if (!New)
    return It->second;
  const auto *Callee = cast<FunctionDecl>(Param->getDeclContext());
  const FunctionDecl *Definition = Callee->getDefinition();
  if (!Definition || !Definition->getBody())
    return false;
  unsigned Reads = 0, Uses = 0;
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      Uses += Ref->getDecl() == Param;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const model::HandleFunction *HF = Api.handleFunction(Call);
      const FunctionDecl *Target = Call->getDirectCallee();
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(Call->getArg(I)));
        if (!Ref || Ref->getDecl() != Param)
          continue;
        bool Variadic =
            Target && Target->isVariadic() && I >= Target->getNumParams();
        Reads += Variadic || (HF && HF->Op == model::HandleOp::Inert);
      }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return ReadOnlyParams[Param] = Reads == Uses;
}

} // namespace clang::tidy::threadlife::handles
