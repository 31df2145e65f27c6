//===--- FlagUses.h - how a translation unit writes its flags --*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_FLAGUSES_H
#define THREADLIFE_CHECKS_UTILS_FLAGUSES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <vector>

namespace clang::tidy::threadlife {

/// A write to a flag (an assignment, ++, --), and the function that makes it
/// (a lambda's call operator inside a function).
struct FlagWrite {
  const Expr *Access;
  const FunctionDecl *Function;
};

struct FlagUses {
  std::vector<std::pair<const ValueDecl *, FlagWrite>> Writes;
  /// Flags some code accesses through an atomic API (C11 and GCC builtins,
  /// Interlocked*, std::atomic_ref).
  llvm::SmallPtrSet<const ValueDecl *, 2> Atomic;
};

/// How the code of the translation unit outside system headers uses
/// \p Flags, in one traversal.
FlagUses findFlagUses(ASTContext &Ctx,
                      const llvm::SmallPtrSetImpl<const ValueDecl *> &Flags);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_FLAGUSES_H
