//===--- ExceptionModel.cpp - which code may throw ------------------------===//

#include "utils/ExceptionModel.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::threadlife {

bool insideTry(const Stmt *S, const Stmt *Root, const ParentMap &PM) {
  for (const Stmt *Child = S, *Parent = PM.getParent(S);
       Parent && Child != Root; Child = Parent, Parent = PM.getParent(Parent))
    if (const auto *Try = dyn_cast<CXXTryStmt>(Parent))
      if (Try->getTryBlock() == Child)
        return true;
  return false;
}

bool ExceptionModel::mayThrow(const Stmt *S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    const FunctionDecl *Allocator = New->getOperatorNew();
    if (!Allocator || New->shouldNullCheckAllocation())
      return false;
    const auto *Proto = Allocator->getType()->getAs<FunctionProtoType>();
    return Proto && !Proto->isNothrow();
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return functionMayThrow(Call->getDirectCallee(), 0);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (Api.threadClass(Construct->getType()))
      return false;
    return functionMayThrow(Construct->getConstructor(), 0);
  }
  return false;
}

bool ExceptionModel::functionMayThrow(const FunctionDecl *FD, unsigned Depth) {
  if (!FD)
    return false;
  if (const auto *Proto = FD->getType()->getAs<FunctionProtoType>()) {
    if (Proto->isNothrow())
      return false;
    if (isUnresolvedExceptionSpec(Proto->getExceptionSpecType()))
      return false; // implicit members: noexcept unless a member's is not
  }
  if (FD->isExternC() || FD->getLanguageLinkage() == CLanguageLinkage ||
      isa<CXXDestructorDecl>(FD) || FD->getBuiltinID() || FD->isImplicit() ||
      FD->isDefaulted())
    return false;
  if (Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return ThreadApi::isNamed(FD, model::throwingLibraryCalls());
  // Thread API calls do not throw where the checks look at them: a join of a
  // running handle succeeds.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    if (Api.threadClass(Method->getParent()))
      return false;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody())
    return true; // a call to a function not known to be noexcept
  if (Depth > 4)
    return false;
  auto [It, New] = Cache.try_emplace(Definition, false);
  if (!New)
    return It->second;
  bool Throws = bodyMayThrow(Definition, Depth);
  Cache[Definition] = Throws;
  return Throws;
}

bool ExceptionModel::bodyMayThrow(const FunctionDecl *Definition,
                                  unsigned Depth) {
  ParentMap PM(Definition->getBody());
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    bool Here = false;
    if (isa<CXXThrowExpr>(S))
      Here = true;
    else if (const auto *Call = dyn_cast<CallExpr>(S))
      Here = functionMayThrow(Call->getDirectCallee(), Depth + 1);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      Here = functionMayThrow(Construct->getConstructor(), Depth + 1);
    if (Here && !insideTry(S, Definition->getBody(), PM))
      return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

} // namespace clang::tidy::threadlife
