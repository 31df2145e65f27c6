//===--- Expressions.h - looking through what wraps an expression -*- C++
//-*-===//

#ifndef THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H
#define THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H

#include "clang/AST/Expr.h"

namespace clang::tidy::threadlife {

/// \p E without what only carries its value: parentheses, implicit casts,
/// temporaries and their cleanups, functional, C-style, reinterpret and static
/// casts (`std::thread(f)`, `(std::thread)t`), but not a static_cast to an
/// rvalue reference, which is a move. Null for null.
const Expr *skipWrappers(const Expr *E);

/// The expression whose value \p E carries on, through the wrappers above,
/// copy and move constructions and every explicit cast: where a callable or
/// an argument given to a thread comes from.
const Expr *skipCopies(const Expr *E);

/// The object \p Arg moves from: `std::move(t)`, `static_cast<T &&>(t)`.
const Expr *movedFrom(const Expr *Arg);

/// The object \p E takes the address of (`&t`, libuv's `uv_thread_join(&t)`),
/// past the wrappers above; \p E itself when it takes none.
const Expr *skipAddressOf(const Expr *E);

/// The pointer \p E dereferences (`*p`, a smart pointer's `*p` or the `p`
/// of `p->`), past the wrappers above; \p E itself when it dereferences none.
const Expr *skipDereference(const Expr *E);

/// Whether \p Call is made through `->`: on the object its object argument
/// points to.
bool callsThroughArrow(const CXXMemberCallExpr &Call);

/// Whether \p E is a literal zero, false or null pointer.
bool isZeroLiteral(const Expr *E);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_EXPRESSIONS_H
