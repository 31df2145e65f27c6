//===--- Expressions.h - looking through what wraps an expression -*- C++
//-*-===//

#ifndef THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H
#define THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H

#include "clang/AST/Expr.h"

namespace clang::tidy::threadlife {

/// \p E without what only carries its value: parentheses, implicit casts,
/// temporaries and their cleanups, functional, C-style and non-rvalue static
/// casts and reinterpret casts (`std::thread(f)`, `(std::thread)t`). Null
/// for null.
const Expr *skipWrappers(const Expr *E);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H
