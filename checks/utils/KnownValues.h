//===--- KnownValues.h - what a variable always holds -----------*- C++ -*-===//
//
// A sleep's length is often a variable rather than a literal: a local copied
// from a member under a lock, a member set once by its initializer. When the
// file shows every value the variable can take, the call sleeps at least the
// smallest of them.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_KNOWNVALUES_H
#define THREADLIFE_CHECKS_UTILS_KNOWNVALUES_H

#include "clang/AST/Expr.h"
#include <optional>

namespace clang::tidy::threadlife {

/// The smallest integer \p E can evaluate to, when the file shows them all:
/// a constant; a local of integer type whose initializer and assignments in
/// its function are such values and that is otherwise only read; a private
/// integer member of a class whose code is all in the file (no friends, no
/// method defined elsewhere) whose initializers and assignments are such
/// values. Followed a few variables deep.
std::optional<int64_t> smallestKnownValue(const Expr *E, ASTContext &Ctx);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_KNOWNVALUES_H
