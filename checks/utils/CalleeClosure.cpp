//===--- CalleeClosure.cpp - the functions a body runs --------------------===//

#include "utils/CalleeClosure.h"
#include "utils/Callables.h"
#include "utils/DeclWalks.h"
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

OverrideIndex::OverrideIndex(const TranslationUnitDecl &TU) {
  forEachNestedDecl(TU, [&](const Decl &D) {
    const auto *Method = dyn_cast<CXXMethodDecl>(&D);
    if (!Method || !Method->isThisDeclarationADefinition())
      return;
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(
        Method->overridden_methods().begin(),
        Method->overridden_methods().end());
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
      Overriders[Base].push_back(Method);
      Work.append(Base->overridden_methods().begin(),
                  Base->overridden_methods().end());
    }
  });
}

llvm::ArrayRef<const FunctionDecl *>
OverrideIndex::overriders(const CXXMethodDecl &Method) const {
  auto It = Overriders.find(Method.getCanonicalDecl());
  if (It == Overriders.end())
    return {};
  return It->second;
}

void addCalleeClosure(const FunctionDecl &Root, unsigned Depth,
                      const SourceManager &SM, FunctionSet &Into,
                      llvm::function_ref<bool(const CallExpr &)> Follow,
                      const OverrideIndex *Overrides,
                      const StoredCallables *Stored) {
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
      if (!Callee || !Follow(*Call))
        continue;
      if (CalleeDef && !SM.isInSystemHeader(CalleeDef->getLocation()))
        Work.push_back({CalleeDef, Level + 1});
      const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      if (Overrides && Method && Method->isVirtual())
        for (const FunctionDecl *Override : Overrides->overriders(*Method))
          if (!SM.isInSystemHeader(Override->getLocation()))
            Work.push_back({Override, Level + 1});
      if (Stored)
        for (const FunctionDecl *Kept : Stored->calledBy(*Call))
          if (const FunctionDecl *KeptDef = Kept->getDefinition();
              KeptDef && !SM.isInSystemHeader(KeptDef->getLocation()))
            Work.push_back({KeptDef, Level + 1});
    }
  }
}

} // namespace clang::tidy::threadlife
