//===--- CalleeClosure.h - the functions a body runs ------------*- C++ -*-===//
//
// The one bounded walk into callees for the questions that need a set of
// functions (what code a thread runs, which members it writes). Questions
// that need a property of a callee (does it throw, does it observe a stop)
// follow calls themselves, with a cache.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_CALLEECLOSURE_H
#define THREADLIFE_CHECKS_UTILS_CALLEECLOSURE_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SetVector.h"

namespace clang {
class SourceManager;
} // namespace clang

namespace clang::tidy::threadlife {

class StoredCallables;

using FunctionSet = llvm::SmallSetVector<const FunctionDecl *, 8>;

/// The calls in \p S, in source order; in the bodies of lambdas written in
/// it too when \p IntoLambdas.
void collectCalls(const Stmt *S, llvm::SmallVectorImpl<const CallExpr *> &Out,
                  bool IntoLambdas);

/// The overriders of each virtual method, among the classes a translation
/// unit defines: a call to the method may run any of them.
class OverrideIndex {
public:
  explicit OverrideIndex(const TranslationUnitDecl &TU);
  /// The definitions of the methods that override \p Method, directly or
  /// not.
  llvm::ArrayRef<const FunctionDecl *>
  overriders(const CXXMethodDecl &Method) const;

private:
  llvm::DenseMap<const CXXMethodDecl *,
                 llvm::SmallVector<const FunctionDecl *, 2>>
      Overriders;
};

/// \p Root's definition and the definitions of the functions it calls
/// directly (from lambdas inside it too), up to \p Depth calls deep, that are
/// not in a system header and whose call \p Follow accepts; depth first, in
/// the order found. Added to \p Into, which may hold other roots' functions.
/// With \p Overrides, a call to a virtual method follows its overriders too;
/// with \p Stored, a call of a callable member follows what it was given.
void addCalleeClosure(
    const FunctionDecl &Root, unsigned Depth, const SourceManager &SM,
    FunctionSet &Into,
    llvm::function_ref<bool(const CallExpr &)> Follow =
        [](const CallExpr &) { return true; },
    const OverrideIndex *Overrides = nullptr,
    const StoredCallables *Stored = nullptr);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_CALLEECLOSURE_H
