//===--- ThreadContext.h - the object a thread is given ---------*- C++ -*-===//
//
// C threads get their state the C way: a struct pointer passed as the void *
// argument of pthread_create (or CreateThread, thrd_create...), cast back in
// the start routine. std::thread passes it as an argument of the callable.
// The fields reached through that pointer are the thread's shared state,
// like the members a thread reaches through `this`.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_THREADCONTEXT_H
#define THREADLIFE_CHECKS_UTILS_THREADCONTEXT_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::threadlife {

using ContextVars = llvm::SmallPtrSet<const VarDecl *, 4>;

/// The variables of thread body \p Body that name the object it was given:
/// its pointer and reference parameters, and locals initialised from one
/// (`struct ctx *c = (struct ctx *)arg;`); for a lambda, the pointers and
/// smart pointers it captures by copy. Empty for a method, whose state is
/// `this`.
ContextVars threadContext(const FunctionDecl &Body);

/// Whether member access \p Member reaches an object every function of the
/// program names alike: through `this`, a global (`g.stop`, `g_state->stop`),
/// a pointer member to state of the object's own (`this->data_->stop`) or,
/// in a thread body, the object the thread was given (\p Context).
bool reachesSharedObject(const MemberExpr &Member, const ContextVars *Context);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_THREADCONTEXT_H
