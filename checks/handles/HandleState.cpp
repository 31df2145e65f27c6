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

bool HandleSet::isSelf(const Expr *E) const {
  return !Self.empty() && !isa<CXXThisExpr>(E->IgnoreParenImpCasts()) &&
         isThisObject(E, &Self);
}

} // namespace clang::tidy::threadlife::handles
