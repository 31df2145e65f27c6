//===--- SignalHandlers.h - what a signal runs ------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_SIGNALHANDLERS_H
#define THREADLIFE_CHECKS_UTILS_SIGNALHANDLERS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <optional>

namespace clang::tidy::threadlife {

/// A handler installed in this translation unit for a signal, and the call
/// in it that leaves the handler without returning (pthread_exit, longjmp).
struct HandlerEscape {
  const FunctionDecl *Handler;
  const CallExpr *Escape;
};

/// The first handler installed for signal \p Signal (by signal() or
/// sigaction(), with the struct's handler field set in the same function)
/// whose body, or a function of this file it calls, escapes.
std::optional<HandlerEscape> escapingHandler(int64_t Signal, ASTContext &Ctx);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_SIGNALHANDLERS_H
