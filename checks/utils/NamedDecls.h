//===--- NamedDecls.h - which declaration an expression names --*- C++ -*-===//
//
// The one answer the checks share to "which variable or member is this":
// `t`, `this->t` (or `t_` inside a method), `&t`, through the wrappers
// skipWrappers looks through.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_NAMEDDECLS_H
#define THREADLIFE_CHECKS_UTILS_NAMEDDECLS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::threadlife {

/// Pointer variables that name the object an analysis follows, as `this`
/// names it in a method: a struct a C function is given or allocates
/// (`info` in `pthread_create(&info->tid, ...)`).
using SelfNames = llvm::SmallPtrSet<const VarDecl *, 4>;

/// The variable, parameter, function or member of `*this` that \p E names:
/// `t`, `this->t`, `&t`, and `p->t` where \p Self holds `p`. Null for
/// anything else (`q->t`, `ts[0]`, calls).
const ValueDecl *namedDecl(const Expr *E, const SelfNames *Self = nullptr);

/// The variable or member \p E reads, through any object or pointer: `t`,
/// `&t`, `s.t`, `p->t`, `*p`, `ts[i]`, `&ts[i]` all name `t` (or `ts`, `p`).
/// Wider than namedDecl: for what an expression is about, not for a value
/// the analysis can follow.
const ValueDecl *referencedDecl(const Expr *E);

/// The container or array whose element \p E is: `ts[i]`, `ts.at(i)`,
/// `ts.back()`, `ts.front()`; null otherwise.
const ValueDecl *containerOfElement(const Expr *E,
                                    const SelfNames *Self = nullptr);

/// The handle, or array of handles, a C create call fills in through \p Arg:
/// `&t`, `&ts[i]`, `ts + i`, `ts`.
const ValueDecl *filledDecl(const Expr *Arg, const SelfNames *Self = nullptr);

/// The field a C create call fills in through \p Arg, whatever object holds
/// it: `&p->tid`, `&s.tid`, `p->tids + i`.
const FieldDecl *filledField(const Expr *Arg);

/// Whether \p E is `this` (or `*this`'s implicit object), or a pointer
/// variable \p Self holds.
bool isThisObject(const Expr *E, const SelfNames *Self = nullptr);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_NAMEDDECLS_H
