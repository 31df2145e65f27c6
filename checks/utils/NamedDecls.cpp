//===--- NamedDecls.cpp - which declaration an expression names -----------===//

#include "utils/NamedDecls.h"
#include "model/ThreadModel.h"
#include "utils/Expressions.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife {

const ValueDecl *namedDecl(const Expr *E, const SelfNames *Self) {
  E = skipWrappers(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    E = skipWrappers(Unary->getSubExpr());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    if (isThisObject(Member->getBase(), Self))
      return Member->getMemberDecl();
  return nullptr;
}

const ValueDecl *containerOfElement(const Expr *E, const SelfNames *Self) {
  E = skipWrappers(E);
  if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
    return namedDecl(Subscript->getBase(), Self);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return namedDecl(Op->getArg(0), Self);
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (const auto *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained(model::containerElementMethods(), Method->getName()))
      return namedDecl(Call->getImplicitObjectArgument(), Self);
  return nullptr;
}

const ValueDecl *referencedDecl(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_AddrOf && Unary->getOpcode() != UO_Deref)
        return nullptr;
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

const ValueDecl *filledDecl(const Expr *Arg, const SelfNames *Self) {
  Arg = skipWrappers(Arg);
  if (const Expr *Handle = skipAddressOf(Arg); Handle != Arg) {
    if (const ValueDecl *D = namedDecl(Handle, Self))
      return D;
    return containerOfElement(Handle, Self);
  }
  if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(Arg);
      Sum && Sum->isAdditiveOp())
    return namedDecl(Sum->getLHS(), Self);
  return namedDecl(Arg, Self); // an array
}

const FieldDecl *filledField(const Expr *Arg) {
  Arg = skipWrappers(Arg);
  if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(Arg);
      Sum && Sum->isAdditiveOp())
    Arg = Sum->getLHS();
  return dyn_cast_or_null<FieldDecl>(referencedDecl(Arg));
}

bool isThisObject(const Expr *E, const SelfNames *Self) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Self && Var && Self->contains(Var);
}

} // namespace clang::tidy::threadlife
