//===--- BranchFacts.h - what a branch tells a path -------------*- C++ -*-===//
//
// The conditions the handle walk learns from: a joinable() query on a
// handle, the result of a create call (`if (pthread_create(...) != 0)`,
// `if (!h)`), and flags (a local scalar whose every write the walk sees, or
// a member) whose value a branch or an assignment fixes. A branch that
// contradicts what the path knows is not taken. Facts are keyed by the
// flag expression itself (its canonical profile), interned per walk.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_BRANCHFACTS_H
#define THREADLIFE_CHECKS_HANDLES_BRANCHFACTS_H

#include "handles/FunctionFacts.h"
#include "handles/HandleState.h"
#include "handles/WalkOptions.h"
#include "llvm/ADT/FoldingSet.h"
#include <map>

namespace clang::tidy::threadlife::handles {

/// A condition reduced to an atom and whether the condition holds when the
/// atom is non-zero: `!x` is (x, false), `x != 0` is (x, true).
std::pair<const Expr *, bool> conditionAtom(const Expr *Cond);

class BranchFacts {
public:
  BranchFacts(ASTContext &Ctx, const HandleSet &Handles,
              const WalkOptions &Options)
      : Ctx(Ctx), Handles(Handles), Options(Options) {}

  /// Refines \p S for the branch where \p Cond evaluated to \p Outcome;
  /// false if that branch cannot be taken on this path.
  bool refine(PathState &S, const Expr *Cond, bool Outcome,
              const FunctionFacts &F);
  /// `Target = Value` (Value null: an update such as ++ or +=).
  void write(PathState &S, const Expr *Target, const Expr *Value,
             const FunctionFacts &F);
  /// A local's initialisation.
  void init(PathState &S, const VarDecl *Var, const FunctionFacts &F);
  /// A call that may change members: what the path knew of them is gone.
  void forgetMembers(PathState &S) const;

  /// The handle whose creation \p E reports: the create call itself, a
  /// variable holding its result, or a Win32 handle variable.
  std::optional<unsigned> createdBy(const PathState &S, const Expr *E) const;

private:
  bool refineHandle(PathState &S, const Expr *Atom, bool NonZero,
                    bool &Feasible) const;
  std::optional<unsigned> testedPointer(const Expr *Atom) const;
  bool refinePointer(PathState &S, const Expr *Atom, bool NonZero,
                     bool &Feasible) const;
  bool isFlag(const Expr *&E, llvm::SmallVectorImpl<const ValueDecl *> &Decls,
              const FunctionFacts &F) const;
  unsigned keyOf(const Expr *E, llvm::ArrayRef<const ValueDecl *> Decls);
  unsigned keyOf(const ValueDecl *D);
  void forgetAbout(PathState &S, const ValueDecl *D) const;

  ASTContext &Ctx;
  const HandleSet &Handles;
  const WalkOptions &Options;
  std::map<llvm::FoldingSetNodeID, unsigned> ExprKeys;
  llvm::DenseMap<const ValueDecl *, unsigned> DeclKeys;
  /// By key: the declarations the flag reads, outermost member first.
  std::vector<llvm::SmallVector<const ValueDecl *, 2>> DeclsOf;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_BRANCHFACTS_H
