//===--- Loops.h - what a loop is made of and whether it ends --*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_LOOPS_H
#define THREADLIFE_CHECKS_UTILS_LOOPS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace clang::tidy::threadlife {

/// Whether \p S is a while, do, for or range-for loop.
bool isLoop(const Stmt *S);

/// The condition of a while, do or for loop; null for `for (;;)` and a
/// range-for.
const Expr *loopCondition(const Stmt &Loop);

/// The body of a while, do or for loop; null for anything else.
const Stmt *loopBody(const Stmt &Loop);

/// The loops around \p S inside its function, and inside \p Within when
/// it is given, innermost first.
llvm::SmallVector<const Stmt *, 2>
enclosingLoops(const Stmt &S, ASTContext &Ctx, const Stmt *Within = nullptr);

/// The loops of \p Body in source order, not those of lambdas inside it.
std::vector<const Stmt *> loopsOf(const Stmt &Body);

/// Whether \p Loop can end without a stop request: its condition is not
/// constantly true and may change (it calls, reads memory another thread or
/// the loop can write), or its body has an exit (break, return, goto, throw,
/// a call that does not return). \p Owner is the function around the loop.
bool loopCanEnd(const Stmt &Loop, const FunctionDecl &Owner, ASTContext &Ctx);

/// What decides whether \p Loop goes on: its condition, and the conditions
/// of the ifs in its body that break, return or goto out of it.
llvm::SmallVector<const Stmt *, 4> loopDeciders(const Stmt &Loop);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_LOOPS_H
