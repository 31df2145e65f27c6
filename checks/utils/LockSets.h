//===--- LockSets.h - the mutexes held where a statement runs ---*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_LOCKSETS_H
#define THREADLIFE_CHECKS_UTILS_LOCKSETS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::threadlife {

using MutexSet = llvm::SmallPtrSet<const ValueDecl *, 2>;

/// The mutexes held where \p S runs in \p Function: RAII guards (the model's
/// lock guard types, standing for the mutexes they were built with) and lock
/// calls earlier in an enclosing block. Found walking down from the body:
/// small, and it spares building the file's parent map.
MutexSet mutexesHeldAt(const Stmt &S, const FunctionDecl &Function);

/// The mutexes that code after \p S in \p Function takes: lock guards and
/// lock calls anywhere in the statements that follow it in its blocks (the
/// `{ std::lock_guard<std::mutex> g(m); }` after a write that lets a waiter
/// see it).
MutexSet mutexesTakenAfter(const Stmt &S, const FunctionDecl &Function);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_LOCKSETS_H
