//===--- ThreadContext.cpp - the object a thread is given -----------------===//

#include "utils/ThreadContext.h"
#include "utils/Expressions.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::threadlife {

namespace {

bool isObjectHandle(QualType T) {
  return T->isPointerType() || T->isReferenceType();
}

// The class a raw pointer or a smart pointer (a class with operator->)
// points to; null for other types.
const CXXRecordDecl *pointee(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return T->getPointeeType()->getAsCXXRecordDecl();
  const auto *Record = T->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return nullptr;
  for (const CXXMethodDecl *M : Record->methods())
    if (M->getOverloadedOperator() == OO_Arrow &&
        M->getReturnType()->isPointerType())
      return M->getReturnType()->getPointeeType()->getAsCXXRecordDecl();
  // libstdc++'s shared_ptr has its operator-> in a base.
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (const CXXRecordDecl *Pointee = pointee(Base.getType()))
      return Pointee;
  return nullptr;
}

// The variable \p E names, through parentheses and casts (the void * cast
// back to the context's type).
const VarDecl *castVar(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

// A lambda's state is what it captures: a pointer captured by copy (a
// shared_ptr to state the owner keeps too) names the object it was given.
ContextVars lambdaContext(const CXXRecordDecl &Lambda) {
  ContextVars Vars;
  for (const LambdaCapture &Capture : Lambda.captures())
    if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByCopy)
      if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
          Var && pointee(Var->getType()))
        Vars.insert(Var);
  return Vars;
}

// Whether the pointer member \p Inner points to state of its own (the
// shared data of `this->data_->quit`) rather than to another object of its
// class (`this->next->stop`, a link between peers).
bool ownsPointee(const MemberExpr &Inner) {
  const auto *Field = dyn_cast<FieldDecl>(Inner.getMemberDecl());
  if (!Field)
    return false;
  const CXXRecordDecl *Pointee = pointee(Field->getType());
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
  return Pointee && Owner &&
         Pointee->getCanonicalDecl() != Owner->getCanonicalDecl();
}

// The parameters of a C start routine, and `struct ctx *c = arg;` at the top
// level of its body.
ContextVars parameterContext(const FunctionDecl &Body) {
  ContextVars Vars;
  for (const ParmVarDecl *Param : Body.parameters())
    if (isObjectHandle(Param->getType()))
      Vars.insert(Param);
  if (Vars.empty())
    return Vars;
  if (const auto *Compound = dyn_cast<CompoundStmt>(Body.getBody()))
    for (const Stmt *S : Compound->body())
      if (const auto *Decl = dyn_cast<DeclStmt>(S))
        for (const class Decl *D : Decl->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D);
              Var && isObjectHandle(Var->getType()) &&
              Vars.contains(castVar(Var->getInit())))
            Vars.insert(Var);
  return Vars;
}

} // namespace

ContextVars threadContext(const FunctionDecl &Body) {
  if (!Body.getBody())
    return {};
  const auto *Method = dyn_cast<CXXMethodDecl>(&Body);
  if (Method && !Method->getParent()->isLambda())
    return {};
  ContextVars Vars =
      Method ? lambdaContext(*Method->getParent()) : parameterContext(Body);
  // A pointer assigned in the body (`c = c->next`) may point elsewhere.
  llvm::SmallVector<const Stmt *, 32> Work = {Body.getBody()};
  while (!Vars.empty() && !Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->isAssignmentOp())
      Vars.erase(castVar(Assign->getLHS()));
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Vars;
}

bool reachesSharedObject(const MemberExpr &Member, const ContextVars *Context) {
  const Expr *Base = Member.getBase()->IgnoreParenImpCasts();
  // `p->flag` through a smart pointer: the base is its operator->.
  const Expr *Pointer = skipDereference(Base);
  const bool Arrow = Member.isArrow() || Pointer != Base;
  Base = Pointer->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return true;
  if (const auto *Inner = dyn_cast<MemberExpr>(Base))
    return (!Arrow || ownsPointee(*Inner)) &&
           reachesSharedObject(*Inner, Context);
  const VarDecl *Var = castVar(Base);
  if (!Var)
    return false;
  if (Var->hasGlobalStorage() && Var->getTLSKind() == VarDecl::TLS_None)
    return true;
  return Context && Context->contains(Var);
}

} // namespace clang::tidy::threadlife
