//===--- CalleeClosure.cpp - the functions a body runs --------------------===//

#include "utils/CalleeClosure.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::threadlife {

void collectCalls(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out,
                  bool IntoLambdas) {
  if (!S || (!IntoLambdas && isa<LambdaExpr>(S)))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Out.push_back(Call);
  for (const Stmt *Child : S->children())
    collectCalls(Child, Out, IntoLambdas);
}

void addCalleeClosure(const FunctionDecl &Root, unsigned Depth,
                      const SourceManager &SM, FunctionSet &Into,
                      llvm::function_ref<bool(const CallExpr &)> Follow) {
  const FunctionDecl *Definition = Root.getDefinition();
  if (!Definition || SM.isInSystemHeader(Definition->getLocation()))
    return;
  llvm::SmallVector<std::pair<const FunctionDecl *, unsigned>, 8> Work = {
      {Definition, 0}};
  while (!Work.empty()) {
    auto [F, Level] = Work.pop_back_val();
    if (!Into.insert(F) || Level >= Depth || !F->getBody())
      continue;
    llvm::SmallVector<const CallExpr *, 16> Calls;
    collectCalls(F->getBody(), Calls, /*IntoLambdas=*/true);
    for (const CallExpr *Call : Calls) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      const FunctionDecl *CalleeDef =
          Callee ? Callee->getDefinition() : nullptr;
      if (CalleeDef && !SM.isInSystemHeader(CalleeDef->getLocation()) &&
          Follow(*Call))
        Work.push_back({CalleeDef, Level + 1});
    }
  }
}

} // namespace clang::tidy::threadlife
