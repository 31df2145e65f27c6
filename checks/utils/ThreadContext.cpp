//===--- ThreadContext.cpp - the object a thread is given -----------------===//

#include "utils/ThreadContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::threadlife {

namespace {

bool isObjectHandle(QualType T) {
  return T->isPointerType() || T->isReferenceType();
}

// The variable \p E names, through parentheses and casts (the void * cast
// back to the context's type).
const VarDecl *castVar(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()) : nullptr;
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

} // namespace

ContextVars threadContext(const FunctionDecl &Body) {
  ContextVars Vars;
  if (isa<CXXMethodDecl>(Body) || !Body.getBody())
    return Vars;
  for (const ParmVarDecl *Param : Body.parameters())
    if (isObjectHandle(Param->getType()))
      Vars.insert(Param);
  if (Vars.empty())
    return Vars;
  // `struct ctx *c = arg;` at the top level of the body.
  if (const auto *Compound = dyn_cast<CompoundStmt>(Body.getBody()))
    for (const Stmt *S : Compound->body())
      if (const auto *Decl = dyn_cast<DeclStmt>(S))
        for (const class Decl *D : Decl->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D);
              Var && isObjectHandle(Var->getType()) &&
              Vars.contains(castVar(Var->getInit())))
            Vars.insert(Var);
  // A pointer assigned in the body (`c = c->next`) may point elsewhere.
  llvm::SmallVector<const Stmt *, 32> Work = {Body.getBody()};
  while (!Work.empty()) {
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
  if (isa<CXXThisExpr>(Base))
    return true;
  if (const auto *Inner = dyn_cast<MemberExpr>(Base))
    return !Member.isArrow() && reachesSharedObject(*Inner, Context);
  const VarDecl *Var = castVar(Base);
  if (!Var)
    return false;
  if (Var->hasGlobalStorage() && Var->getTLSKind() == VarDecl::TLS_None)
    return true;
  return Context && Context->contains(Var);
}

} // namespace clang::tidy::threadlife
