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

bool ExceptionModel::mayThrow(const Stmt *S, bool Strict) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    const FunctionDecl *Allocator = New->getOperatorNew();
    if (!Strict || !Allocator || New->shouldNullCheckAllocation())
      return false;
    const auto *Proto = Allocator->getType()->getAs<FunctionProtoType>();
    return Proto && !Proto->isNothrow();
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return functionMayThrow(Call->getDirectCallee(), 0, Strict);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (Api.threadClass(Construct->getType()))
      return false;
    return functionMayThrow(Construct->getConstructor(), 0, Strict);
  }
  return false;
}

bool ExceptionModel::functionMayThrow(const FunctionDecl *FD, unsigned Depth,
                                      bool Strict) {
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
  // A test framework's report of a failed assertion throws only to end a test
  // that has failed already (doctest's CHECK_MESSAGE never does).
  if (ThreadApi::isNamed(FD, model::assertionReporters()))
    return false;
  // Thread API calls do not throw where the checks look at them: a join of a
  // running handle succeeds.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    if (Api.threadClass(Method->getParent()))
      return false;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody())
    return Strict; // not known to be noexcept, nor known to throw
  if (Depth > 4)
    return false;
  auto [It, New] = Cache[Strict].try_emplace(Definition, false);
  if (!New)
    return It->second;
  bool Throws = bodyMayThrow(Definition, Depth, Strict);
  Cache[Strict][Definition] = Throws;
  return Throws;
}

bool ExceptionModel::bodyMayThrow(const FunctionDecl *Definition,
                                  unsigned Depth, bool Strict) {
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
      Here = functionMayThrow(Call->getDirectCallee(), Depth + 1, Strict);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      Here = functionMayThrow(Construct->getConstructor(), Depth + 1, Strict);
    if (Here && !insideTry(S, Definition->getBody(), PM))
      return true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

} // namespace clang::tidy::threadlife
