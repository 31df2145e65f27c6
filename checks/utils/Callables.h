//===--- Callables.h - the function a callable runs -------------*- C++ -*-===//
//
// A thread is given a callable: a function, a lambda, a std::bind of a member
// function, a std::function made of one. Thread wrapper classes keep it in a
// std::function member and call that member from the thread they start.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_CALLABLES_H
#define THREADLIFE_CHECKS_UTILS_CALLABLES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::threadlife {

/// The function a thread runs when given \p Callable: a lambda's call
/// operator, a function, a member function; null if it cannot be seen.
/// \p Lambda is set when the callable is a lambda written at \p Callable.
const FunctionDecl *callableBody(const Expr *Callable,
                                 const LambdaExpr **Lambda = nullptr);

/// The callables the classes of a translation unit keep in a callable member
/// (a std::function) from a constructor argument: for
/// `Thread(std::function<void()> fn) : fn_(std::move(fn))`, the function of
/// every `Thread(std::bind(&Logger::run, this))` the file writes. Calling the
/// member (`fn_()`) may run any of them.
class StoredCallables {
public:
  explicit StoredCallables(ASTContext &Ctx);
  /// The functions \p Call may run by calling a callable member.
  llvm::ArrayRef<const FunctionDecl *> calledBy(const CallExpr &Call) const;

private:
  /// For each constructor, which of its parameters it keeps in which member.
  using Kept = llvm::SmallVector<std::pair<unsigned, const FieldDecl *>, 1>;
  void indexConstructor(const CXXConstructorDecl &Ctor);

  llvm::DenseMap<const CXXConstructorDecl *, Kept> Keepers;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const FunctionDecl *, 2>>
      Stored;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_CALLABLES_H
