//===--- HandleStateAnalysis.h - what happens to thread handles -*- C++ -*-===//
//
// The analysis the join checks share: a path-sensitive walk over clang's
// CFG of one function that follows each handle through start, join, detach,
// move and escape, and reports what it saw on some path: a handle that
// reaches the end of its life (or an exception) still joinable, a join or
// detach of a handle that is not joinable, an assignment over a joinable
// handle, and every detach with the start it detaches.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLESTATEANALYSIS_H
#define THREADLIFE_CHECKS_HANDLESTATEANALYSIS_H

#include "model/ThreadApi.h"
#include "model/ThreadModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class CFG;
class CFGBlock;
class ParentMap;
class Preprocessor;
} // namespace clang

namespace clang::tidy::threadlife {

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
  enum KindTy : unsigned char { Object, Posix, Win32 };
  const ValueDecl *Decl;
  KindTy Kind;
  /// A container (or array) of handles: filling it starts threads, a loop
  /// that joins its elements joins them.
  bool IsContainer;
  const model::ThreadClass *Class; // Object handles only
};

/// A handle that reaches the end of its life still joinable on some path.
struct Leak {
  unsigned Handle;
  const Stmt *Start;
  /// Where the path leaves: a return, break, continue or goto, or the closing
  /// brace of the scope (Exit is then null and ExitLoc that brace).
  const Stmt *Exit;
  SourceLocation ExitLoc;
  /// Set when an exception thrown here destroys the handle.
  const Stmt *Thrower;
  /// The last branch taken on a flag that the thread itself writes (member
  /// analysis only).
  const Expr *Guard;
};

/// A join or detach of a handle that is not joinable on some path.
struct BadJoin {
  unsigned Handle;
  const Expr *Call;
  bool IsDetach;
  HandleState Prior;
  /// The join, detach, move or declaration that made it so.
  const Stmt *PriorEvent;
};

/// An assignment over a handle that is joinable on some path.
struct Overwrite {
  unsigned Handle;
  const Expr *Assignment;
  const Stmt *Start;
};

/// A detach, with the start of the thread it detaches on some path.
struct DetachSite {
  unsigned Handle;
  const Expr *Call;
  const Stmt *Start;
};

struct AnalysisConfig {
  /// Follow the function's local handles.
  bool Locals = true;
  /// Follow the handle members of the method's class, with this state on
  /// entry (Unknown: a method called at any time; Running: the destructor of
  /// an object whose threads were started).
  bool Members = false;
  HandleState MemberEntry = HandleState::Unknown;
  /// Report members still running when the function returns (a Leak with
  /// no Exit): set for destructors, and to learn whether a method that
  /// starts a thread leaves it running.
  bool MemberExits = false;
  /// Walk into the bodies of member functions called on 'this' (depth 3).
  bool InlineMemberCalls = false;
  /// Report handles destroyed by an exception from a call that can throw.
  bool ExceptionPaths = true;
  /// Members the thread bodies write: a branch on one is a Leak's Guard.
  llvm::SmallPtrSet<const FieldDecl *, 4> ThreadWrittenFields;
  /// Where the members followed were started (for Leak::Start).
  llvm::DenseMap<const FieldDecl *, const Stmt *> MemberStarts;
};

struct AnalysisResult {
  /// False when the function was too large or irregular to follow: say
  /// nothing about it.
  bool Complete = false;
  std::vector<TrackedHandle> Handles;
  std::vector<Leak> Leaks;
  std::vector<BadJoin> BadJoins;
  std::vector<Overwrite> Overwrites;
  std::vector<DetachSite> Detaches;
  /// Per handle: whether some path joined, detached or lost track of it.
  std::vector<bool> Settled;
};

/// How a class's methods use one of its handle members.
struct MemberUses {
  /// Where a thread is started into the member (constructions, assignments,
  /// fills, start() calls), in the class's own code.
  std::vector<const Expr *> Starts;
  /// Joins or detaches in the class's own code.
  std::vector<const Expr *> Joins;
  /// Moved out, passed by reference, joined by code outside the class: the
  /// member's fate is decided elsewhere.
  bool Escapes = false;
};

/// Runs the handle-state walk over functions of one translation unit; keeps
/// the CFGs it builds so that inlined callees are built once.
class HandleStateAnalysis {
public:
  HandleStateAnalysis(const ThreadApi &Api, ASTContext &Ctx,
                      const Preprocessor *PP);
  ~HandleStateAnalysis();

  AnalysisResult run(const FunctionDecl *FD, const AnalysisConfig &Config);

  /// Whether \p Call may throw: a function not noexcept whose body (when
  /// visible) may throw, a library call known to throw, an allocation, a
  /// throw. C functions and other library calls are taken not to throw.
  bool mayThrow(const Stmt *S);

  /// The handle \p E names: `t`, `this->t`, `t_` in a method, `&t`.
  static const ValueDecl *namedHandle(const Expr *E);

  /// The object \p Arg moves from (`std::move(t)`, `static_cast<T&&>(t)`).
  static const Expr *movedFrom(const Expr *Arg);

  /// Whether the start routine \p Start detaches its own thread
  /// (pthread_detach(pthread_self())).
  bool selfDetaches(const FunctionDecl *Start);

  /// How the code of \p Record (and of the rest of the translation unit)
  /// uses its handle member \p Field.
  MemberUses memberUses(const CXXRecordDecl *Record, const FieldDecl *Field);

  /// The members of \p Record that the threads started at \p Starts write
  /// (in their callable, or in member functions it calls).
  llvm::SmallPtrSet<const FieldDecl *, 4>
  writtenByThreads(const CXXRecordDecl *Record,
                   llvm::ArrayRef<const Expr *> Starts);

  /// The callable a thread start runs: a lambda or a member function.
  static const Expr *callableOf(const Expr *Start);

  struct FunctionData;

private:
  FunctionData *data(const FunctionDecl *FD);
  bool functionMayThrow(const FunctionDecl *FD, unsigned Depth);

  const ThreadApi &Api;
  ASTContext &Ctx;
  const Preprocessor *PP;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionData>> Data;
  llvm::DenseMap<const FunctionDecl *, bool> ThrowCache;
  friend class PathWalker;
};

/// The text shown for a state in messages ("joined", "detached", ...).
llvm::StringRef describe(HandleState State);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_HANDLESTATEANALYSIS_H
