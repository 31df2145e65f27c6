//===--- ParentWalks.cpp - walks up clang's parent map --------------------===//

#include "utils/ParentWalks.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::threadlife {

const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty()) {
    if (const auto *FD = Parents[0].get<FunctionDecl>())
      return FD;
    if (const auto *Lambda = Parents[0].get<LambdaExpr>())
      return Lambda->getCallOperator();
    Parents = Ctx.getParents(Parents[0]);
  }
  return nullptr;
}

DynTypedNode parentNodeIgnoringWrappers(const Stmt &S, ASTContext &Ctx) {
  const Stmt *Child = &S;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return DynTypedNode();
    const auto *P = Parents[0].get<Stmt>();
    if (!P || !isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups>(P))
      return Parents[0];
    Child = P;
  }
}

const Stmt *parentIgnoringWrappers(const Stmt &S, ASTContext &Ctx) {
  return parentNodeIgnoringWrappers(S, Ctx).get<Stmt>();
}

} // namespace clang::tidy::threadlife
