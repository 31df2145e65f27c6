//===--- ParentWalks.h - walks up clang's parent map ------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_PARENTWALKS_H
#define THREADLIFE_CHECKS_UTILS_PARENTWALKS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"

namespace clang::tidy::threadlife {

/// The function whose body holds \p S: the call operator of the innermost
/// lambda around it, or the function.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx);

/// The node that uses \p S's value, past parentheses, implicit casts,
/// temporaries and cleanups: a statement, or a declaration it initialises.
DynTypedNode parentNodeIgnoringWrappers(const Stmt &S, ASTContext &Ctx);

/// The statement that uses \p S's value, past the same wrappers; null when
/// that is a declaration.
const Stmt *parentIgnoringWrappers(const Stmt &S, ASTContext &Ctx);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_PARENTWALKS_H
