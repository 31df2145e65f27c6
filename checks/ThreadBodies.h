//===--- ThreadBodies.h - the functions a file runs on threads --*- C++ -*-===//
//
// The stop checks ask of a thread's code which loops it runs and which flags
// decide them. The thread bodies come from the starts the file makes: a
// callable given to a thread class or start function of the model (or of
// ThreadTypes), a start routine given to a wrapper of the file, a QThread's
// run(). Collected while the checks' matchers run, for the end of the
// translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_THREADBODIES_H
#define THREADLIFE_CHECKS_THREADBODIES_H

#include "ThreadTypesOption.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/MapVector.h"

namespace clang::tidy::threadlife {

class ThreadBodies {
public:
  /// A thread body and the expression that starts it (null for a QThread's
  /// run(), which start() runs).
  using Map = llvm::MapVector<const FunctionDecl *, const Expr *>;

  /// \p Types must outlive the matchers.
  explicit ThreadBodies(const ThreadTypesOption &Types) : Types(Types) {}

  void registerMatchers(ast_matchers::MatchFinder *Finder,
                        ast_matchers::MatchFinder::MatchCallback *Callback);
  /// Records \p Result if it is a match of registerMatchers(); false if it
  /// is another matcher's.
  bool collect(const ast_matchers::MatchFinder::MatchResult &Result);

  const Map &bodies() const { return Bodies; }
  void clear() { Bodies.clear(); }

private:
  const ThreadTypesOption &Types;
  Map Bodies;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_THREADBODIES_H
