//===--- HandleState.cpp - what a path knows about thread handles ---------===//

#include "handles/HandleState.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

std::optional<bool> PathState::fact(unsigned Key) const {
  for (const auto &[K, V] : Facts)
    if (K == Key)
      return V;
  return std::nullopt;
}

void PathState::setFact(unsigned Key, bool Value) {
  for (auto &[K, V] : Facts)
    if (K == Key) {
      V = Value;
      return;
    }
  Facts.push_back({Key, Value});
  llvm::sort(Facts);
}

llvm::hash_code hash_value(const PathState &S) {
  llvm::hash_code H = llvm::hash_value(S.Guard);
  for (const HandleValue &V : S.Handles)
    H = llvm::hash_combine(H, static_cast<unsigned>(V.State), V.Start, V.Event);
  for (const auto &[Key, Value] : S.Facts)
    H = llvm::hash_combine(H, Key, Value);
  for (const auto &[Var, Handle] : S.CreateResults)
    H = llvm::hash_combine(H, Var, Handle);
  return H;
}

unsigned HandleSet::add(const TrackedHandle &H) {
  Index[H.Decl] = Handles.size();
  Handles.push_back(H);
  return Handles.size() - 1;
}

std::optional<unsigned> HandleSet::find(const ValueDecl *D) const {
  if (!D)
    return std::nullopt;
  auto It = Index.find(D);
  if (It == Index.end())
    return std::nullopt;
  return It->second;
}

std::optional<unsigned> HandleSet::find(const Expr *E) const {
  return find(namedDecl(skipDereference(E), &Self));
}

void HandleSet::alias(const ParmVarDecl *Param, unsigned H) {
  if (Ambiguous.contains(Param))
    return;
  auto [It, Inserted] = Index.try_emplace(Param, H);
  if (!Inserted && It->second != H) {
    Index.erase(It);
    Ambiguous.insert(Param);
  }
}

bool HandleSet::passesHandle(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  if (!Def || isa<CXXMethodDecl>(Def))
    return false;
  for (unsigned I = 0; I < Call.getNumArgs() && I < Def->getNumParams(); ++I)
    if (std::optional<unsigned> H = find(Call.getArg(I));
        H && find(Def->getParamDecl(I)) == H)
      return true;
  return false;
}

bool HandleSet::isSelf(const Expr *E) const {
  return !Self.empty() && !isa<CXXThisExpr>(E->IgnoreParenImpCasts()) &&
         isThisObject(E, &Self);
}

} // namespace clang::tidy::threadlife::handles
