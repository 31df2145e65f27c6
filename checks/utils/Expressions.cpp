//===--- Expressions.cpp - looking through what wraps an expression -------===//

#include "utils/Expressions.h"
#include "model/ThreadModel.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife {

const Expr *skipWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Cast = dyn_cast<CStyleCastExpr>(E))
      E = Cast->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E);
             Cast && !Cast->isXValue()) // static_cast<T &&>: a move
      E = Cast->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXReinterpretCastExpr>(E))
      E = Cast->getSubExpr();
    else
      return E;
  }
  return E;
}

const Expr *skipCopies(const Expr *E) {
  while ((E = skipWrappers(E))) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor())
      E = Construct->getArg(0);
    else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
      E = Cast->getSubExpr();
    else
      return E;
  }
  return E;
}

const Expr *movedFrom(const Expr *Arg) {
  Arg = skipWrappers(Arg);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Arg)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Call->getNumArgs() == 1 &&
        model::isOneOf(Callee, {model::moveFunction()}))
      return Call->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast_or_null<CXXStaticCastExpr>(Arg))
    if (Cast->getType()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

const Expr *skipAddressOf(const Expr *E) {
  E = skipWrappers(E);
  if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(E);
      Addr && Addr->getOpcode() == UO_AddrOf)
    return skipWrappers(Addr->getSubExpr());
  return E;
}

const Expr *skipDereference(const Expr *E) {
  E = skipWrappers(E);
  if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    return skipWrappers(Deref->getSubExpr());
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 1 &&
      (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star))
    return skipWrappers(Op->getArg(0));
  return E;
}

bool callsThroughArrow(const CXXMemberCallExpr &Call) {
  const auto *Callee = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParens());
  return Callee && Callee->isArrow();
}

bool isZeroLiteral(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Int = dyn_cast<IntegerLiteral>(E))
    return Int->getValue() == 0;
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return !Bool->getValue();
  // C's NULL, ((void *)0).
  if (const auto *Cast = dyn_cast<CStyleCastExpr>(E);
      Cast && Cast->getType()->isVoidPointerType())
    return isZeroLiteral(Cast->getSubExpr());
  // C11's thrd_success, an enumerator.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
      return Enumerator->getInitVal() == 0;
  return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E);
}

} // namespace clang::tidy::threadlife
