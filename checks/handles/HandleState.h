//===--- HandleState.h - what a path knows about thread handles -*- C++ -*-===//
//
// The lattice of the handle analysis: the state of each followed handle on
// one path, the branch facts the path has learned, and the set of handles a
// walk follows. Two paths that reach a block with equal states are one.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_HANDLESTATE_H
#define THREADLIFE_CHECKS_HANDLES_HANDLESTATE_H

#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <vector>

namespace clang::tidy::threadlife::handles {

/// What a handle holds on one path.
enum class HandleState : unsigned char {
  Unborn,  // not declared yet, or its life has ended
  Empty,   // default-constructed, or a pthread_t not yet filled
  Running, // owns a thread: a join or a detach is owed
  Joined,
  Detached,
  MovedFrom,
  Unknown, // escaped, or touched by code the analysis cannot see
};

/// A variable or member the analysis follows.
struct TrackedHandle {
  /// A thread object, a C handle its create call fills in (pthread_t), or a
  /// C handle its create call returns (a Win32 HANDLE, GThread *).
  enum KindTy : unsigned char { Object, Filled, Returned };
  const ValueDecl *Decl;
  KindTy Kind;
  /// A container (or array) of handles: filling it starts threads, a loop
  /// that joins its elements joins them.
  bool IsContainer;
  const model::ThreadClass *Class; // Object handles only
  model::CThreadLibrary Library = model::CThreadLibrary::Posix; // C handles
  /// How an Object handle's variable holds the thread object: itself, as its
  /// unique owner (destroying or resetting the owner destroys the thread
  /// object), or as a raw pointer from `new` (only `delete` destroys it).
  enum class Holder : unsigned char { Itself, UniqueOwner, RawPointer };
  Holder Through = Holder::Itself;
  bool isPointer() const { return Through != Holder::Itself; }
};

/// One handle's value on a path.
struct HandleValue {
  HandleState State = HandleState::Unborn;
  /// Where the thread it holds was started (Running).
  const Stmt *Start = nullptr;
  /// What gave it its state: the join, detach, move or declaration.
  const Stmt *Event = nullptr;
  bool operator==(const HandleValue &O) const {
    return State == O.State && Start == O.Start && Event == O.Event;
  }
};

/// Everything one path knows.
struct PathState {
  /// By handle index.
  llvm::SmallVector<HandleValue, 4> Handles;
  /// Known outcomes of flag conditions, by BranchFacts' key of the
  /// condition, sorted.
  llvm::SmallVector<std::pair<unsigned, bool>, 4> Facts;
  /// Variables that hold a create call's result, and the handle created.
  llvm::SmallVector<std::pair<const VarDecl *, unsigned>, 2> CreateResults;
  /// The last branch taken on a flag WalkOptions::GuardFields names.
  const Expr *Guard = nullptr;

  bool operator==(const PathState &O) const {
    return Handles == O.Handles && Facts == O.Facts &&
           CreateResults == O.CreateResults && Guard == O.Guard;
  }
  std::optional<bool> fact(unsigned Key) const;
  void setFact(unsigned Key, bool Value);
};

llvm::hash_code hash_value(const PathState &S);

/// The handles one walk follows, by index.
class HandleSet {
public:
  unsigned add(const TrackedHandle &H);
  std::optional<unsigned> find(const ValueDecl *D) const;
  /// The handle \p E names (see namedDecl), or the thread object that a
  /// followed pointer \p E dereferences.
  std::optional<unsigned> find(const Expr *E) const;
  bool contains(const ValueDecl *D) const { return Index.count(D); }

  /// The pointer variables that name the object whose fields this set
  /// follows (WalkOptions::Receiver given as a pointer, and the parameters
  /// it is passed to); `p->tid` names field `tid` for them.
  void nameSelf(const VarDecl *Var) { Self.insert(Var); }
  const SelfNames &self() const { return Self; }
  /// Whether \p E is one of those variables.
  bool isSelf(const Expr *E) const;

  /// Names handle \p H by \p Param too: a by-value parameter of a function
  /// of the file that the walk's function passes the handle to. A parameter
  /// given two handles names neither.
  void alias(const ParmVarDecl *Param, unsigned H);
  /// Whether \p Call passes a handle to a parameter that names it.
  bool passesHandle(const CallExpr &Call) const;

  const TrackedHandle &operator[](unsigned I) const { return Handles[I]; }
  unsigned size() const { return Handles.size(); }
  bool empty() const { return Handles.empty(); }
  auto begin() const { return Handles.begin(); }
  auto end() const { return Handles.end(); }

private:
  std::vector<TrackedHandle> Handles;
  llvm::DenseMap<const ValueDecl *, unsigned> Index;
  SelfNames Self;
  llvm::SmallPtrSet<const ParmVarDecl *, 2> Ambiguous;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_HANDLESTATE_H
