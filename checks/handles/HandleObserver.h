//===--- HandleObserver.h - what the handle walk reports --------*- C++ -*-===//
//
// The events of the handle analysis. A check subscribes by overriding the
// ones it needs and turns them into findings after the walk; the analysis
// knows nothing of findings. Events arrive once per path that reaches them,
// so the same place may be reported several times with different values.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_HANDLEOBSERVER_H
#define THREADLIFE_CHECKS_HANDLES_HANDLEOBSERVER_H

#include "handles/HandleState.h"

namespace clang::tidy::threadlife::handles {

/// A handle as an event names it; valid during the event only (copy the
/// TrackedHandle to keep it).
struct HandleRef {
  unsigned Index;
  const TrackedHandle &Handle;
};

class HandleObserver {
public:
  virtual ~HandleObserver() = default;

  /// \p Call joins (or detaches) a handle whose value was \p Before.
  virtual void joined(HandleRef H, const Expr *Call,
                      const HandleValue &Before) {}
  virtual void detached(HandleRef H, const Expr *Call,
                        const HandleValue &Before) {}
  /// \p Assignment gives a new value to a handle whose value was \p Before.
  /// \p Guard: the last branch the path took on a flag that the thread
  /// itself writes (WalkOptions::GuardFields), if any.
  virtual void assigned(HandleRef H, const Expr *Assignment,
                        const HandleValue &Before, const Expr *Guard) {}
  /// \p Where (a delete, or a unique owner's reset or assignment) destroys
  /// the thread object that a pointer handle held with value \p Before.
  virtual void destroyed(HandleRef H, const Expr *Where,
                         const HandleValue &Before, const Expr *Guard) {}
  /// The life of a local handle holding \p Value ends: at \p Exit (a return,
  /// break, continue or goto) or, when Exit is null, at \p Loc, the closing
  /// brace of its scope.
  virtual void lifeEnds(HandleRef H, const HandleValue &Value, const Stmt *Exit,
                        SourceLocation Loc) {}
  /// An exception from \p Thrower leaves the scope of a local object handle
  /// that holds a running thread. Only sent when wantsExceptions().
  virtual void thrown(HandleRef H, const HandleValue &Value,
                      const Stmt *Thrower) {}
  virtual bool wantsExceptions() const { return false; }
  /// The walked function returns on a path in state \p S (of \p Handles).
  virtual void returned(const HandleSet &Handles, const PathState &S) {}
  /// \p H is given the state \p After (a join, a detach, an escape, ...).
  virtual void changed(HandleRef H, HandleState After) {}
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_HANDLEOBSERVER_H
