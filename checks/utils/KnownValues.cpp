//===--- KnownValues.cpp - what a variable always holds -------------------===//

#include "utils/KnownValues.h"
#include "model/ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife {

namespace {

constexpr unsigned MaxDepth = 3;

bool names(const Stmt *S, const ValueDecl &D) {
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    S = E->IgnoreParens();
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(S))
    return Ref->getDecl() == &D;
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(S))
    return Member->getMemberDecl() == &D;
  return false;
}

bool bindsConstReference(const FunctionDecl *F, unsigned Param) {
  if (!F || Param >= F->getNumParams())
    return false;
  QualType T = F->getParamDecl(Param)->getType();
  return T->isReferenceType() && T->getPointeeType().isConstQualified();
}

/// Collects the values assigned to \p D in a function body; fails on any use
/// that is neither a read nor an assignment (its address taken, a
/// non-const reference bound to it, ++, +=).
class Assignments {
public:
  Assignments(const ValueDecl &D, llvm::SmallVectorImpl<const Expr *> &Values)
      : D(D), Values(Values) {}

  bool walk(const Stmt *S) {
    if (!S)
      return true;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S);
        Cast && Cast->getCastKind() == CK_LValueToRValue &&
        names(Cast->getSubExpr(), D))
      return true;
    if (const auto *Op = dyn_cast<BinaryOperator>(S);
        Op && Op->getOpcode() == BO_Assign && names(Op->getLHS(), D)) {
      Values.push_back(Op->getRHS());
      return walk(Op->getRHS());
    }
    if (const auto *Call = dyn_cast<CallExpr>(S))
      return call(Call->getDirectCallee(), Call->getCallee(),
                  {Call->getArgs(), Call->getNumArgs()});
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      return call(Construct->getConstructor(), nullptr,
                  {Construct->getArgs(), Construct->getNumArgs()});
    if (names(S, D))
      return false;
    return llvm::all_of(S->children(),
                        [&](const Stmt *Child) { return walk(Child); });
  }

private:
  // An argument bound to a const reference is read.
  bool call(const FunctionDecl *F, const Expr *Callee,
            llvm::ArrayRef<const Expr *> Args) {
    if (Callee && !walk(Callee))
      return false;
    for (unsigned I = 0; I < Args.size(); ++I)
      if (!(bindsConstReference(F, I) && names(Args[I]->IgnoreImplicit(), D)) &&
          !walk(Args[I]))
        return false;
    return true;
  }

  const ValueDecl &D;
  llvm::SmallVectorImpl<const Expr *> &Values;
};

/// The values \p Field is given: its initializers and the assignments in
/// its class's code, when all of that code is in the file.
bool fieldValues(const FieldDecl &Field,
                 llvm::SmallVectorImpl<const Expr *> &Values) {
  const auto *Record = dyn_cast<CXXRecordDecl>(Field.getParent());
  if (!Record || Field.getAccess() != AS_private ||
      Record->friend_begin() != Record->friend_end())
    return false;
  if (const Expr *Init = Field.getInClassInitializer())
    Values.push_back(Init);
  Assignments Finder(Field, Values);
  for (const CXXMethodDecl *Method : Record->methods()) {
    if (Method->isImplicit())
      continue;
    const FunctionDecl *Def = Method->getDefinition();
    if (!Def || !Def->getBody())
      return false;
    bool Initialised = Field.hasInClassInitializer();
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getMember() == &Field && Init->isWritten()) {
          Values.push_back(Init->getInit());
          Initialised = true;
        }
    if ((isa<CXXConstructorDecl>(Def) && !Initialised) ||
        !Finder.walk(Def->getBody()))
      return false;
  }
  return true;
}

bool localValues(const VarDecl &Var,
                 llvm::SmallVectorImpl<const Expr *> &Values) {
  const auto *F = dyn_cast<FunctionDecl>(Var.getDeclContext());
  if (!F || !F->getBody() || !Var.isLocalVarDecl() || Var.isStaticLocal())
    return false;
  if (const Expr *Init = Var.getInit())
    Values.push_back(Init);
  return Assignments(Var, Values).walk(F->getBody());
}

std::optional<int64_t> smallest(const Expr *E, ASTContext &Ctx,
                                unsigned Depth) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  if (std::optional<int64_t> Constant = model::integerValue(E, Ctx))
    return Constant;
  E = E->IgnoreImplicit();
  if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(E))
    return smallest(Default->getExpr(), Ctx, Depth);
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E);
           Member && isa<CXXThisExpr>(Member->getBase()->IgnoreImpCasts()))
    D = Member->getMemberDecl();
  if (!D || Depth >= MaxDepth || !D->getType()->isIntegerType())
    return std::nullopt;
  llvm::SmallVector<const Expr *, 4> Values;
  const auto *Field = dyn_cast<FieldDecl>(D);
  const auto *Var = dyn_cast<VarDecl>(D);
  if (!(Field ? fieldValues(*Field, Values)
              : Var && localValues(*Var, Values)) ||
      Values.empty())
    return std::nullopt;
  std::optional<int64_t> Min;
  for (const Expr *Value : Values) {
    std::optional<int64_t> V = smallest(Value, Ctx, Depth + 1);
    if (!V)
      return std::nullopt;
    Min = Min ? std::min(*Min, *V) : *V;
  }
  return Min;
}

} // namespace

std::optional<int64_t> smallestKnownValue(const Expr *E, ASTContext &Ctx) {
  return smallest(E, Ctx, 0);
}

} // namespace clang::tidy::threadlife
