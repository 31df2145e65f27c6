//===--- UnjoinedThreadLeaks.h - what unjoined-thread keeps of a walk -*- C++
//-*-===//
//
// The observer through which unjoined-thread reads the handle analysis: the
// handles that reach the end of their life still running (the first path
// for each handle, start and way out), the assignments over a running
// thread and the destructions of one through a pointer, and which handles some
// path joined, detached or lost track of.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UNJOINEDTHREADLEAKS_H
#define THREADLIFE_CHECKS_UNJOINEDTHREADLEAKS_H

#include "UnjoinedThreadCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::threadlife {

/// A handle that reaches the end of its life still running on some path.
struct UnjoinedThreadCheck::Leak {
  unsigned Index;
  handles::TrackedHandle Handle;
  const Stmt *Start;
  /// Where the path leaves: a return, break, continue or goto, or the closing
  /// brace of the scope (Exit is then null and ExitLoc that brace).
  const Stmt *Exit;
  SourceLocation ExitLoc;
  /// Set when an exception thrown here destroys the handle.
  const Stmt *Thrower;
  /// The last branch taken on a flag that the thread itself writes.
  const Expr *Guard;
};

class UnjoinedThreadCheck::Leaks : public handles::HandleObserver {
public:
  explicit Leaks(bool Exceptions) : Exceptions(Exceptions) {}

  std::vector<Leak> Found;
  /// An assignment over a handle running the thread started at Start; the
  /// guard of a path that reached it after a branch on a flag the thread
  /// writes, if one did.
  struct Overwrite {
    handles::TrackedHandle Handle;
    const Expr *Assignment;
    const Stmt *Start;
    const Expr *Guard;
  };
  std::vector<Overwrite> Overwrites;
  /// A delete, reset or assignment of a pointer that destroys the thread
  /// object it holds while that runs the thread started at Start.
  std::vector<Overwrite> Destructions;
  /// A Win32 handle whose life ends after a wait and no CloseHandle: the
  /// thread has ended, its handle leaks.
  struct UnclosedHandle {
    unsigned Index;
    const ValueDecl *Handle;
    const Stmt *Wait;
  };
  std::vector<UnclosedHandle> Unclosed;
  llvm::SmallDenseSet<unsigned, 4> Detached;
  llvm::SmallDenseSet<unsigned, 4> Settled;

  bool wantsExceptions() const override { return Exceptions; }
  void lifeEnds(handles::HandleRef H, const handles::HandleValue &V,
                const Stmt *Exit, SourceLocation Loc) override {
    if (V.State == handles::HandleState::Running)
      add({H.Index, H.Handle, V.Start, Exit, Loc, nullptr, nullptr});
    if (V.State == handles::HandleState::Joined && V.Event &&
        H.Handle.Kind == handles::TrackedHandle::Returned &&
        H.Handle.Library == model::CThreadLibrary::Win32 &&
        llvm::none_of(Unclosed, [&](const UnclosedHandle &U) {
          return U.Index == H.Index;
        }))
      Unclosed.push_back({H.Index, H.Handle.Decl, V.Event});
  }
  void thrown(handles::HandleRef H, const handles::HandleValue &V,
              const Stmt *Thrower) override {
    add({H.Index, H.Handle, V.Start, nullptr, SourceLocation(), Thrower,
         nullptr});
  }
  void returned(const handles::HandleSet &Handles,
                const handles::PathState &S) override {
    for (unsigned I = 0; I < Handles.size(); ++I)
      if (isa<FieldDecl>(Handles[I].Decl) &&
          S.Handles[I].State == handles::HandleState::Running)
        add({I, Handles[I], S.Handles[I].Start, nullptr, SourceLocation(),
             nullptr, S.Guard});
  }
  void assigned(handles::HandleRef H, const Expr *Assignment,
                const handles::HandleValue &Before,
                const Expr *Guard) override {
    if (Before.State == handles::HandleState::Running)
      addOverwrite(Overwrites, {H.Handle, Assignment, Before.Start, Guard});
  }
  void destroyed(handles::HandleRef H, const Expr *Where,
                 const handles::HandleValue &Before,
                 const Expr *Guard) override {
    if (Before.State == handles::HandleState::Running)
      addOverwrite(Destructions, {H.Handle, Where, Before.Start, Guard});
  }
  void detached(handles::HandleRef H, const Expr *,
                const handles::HandleValue &Before) override {
    if (Before.State == handles::HandleState::Running ||
        Before.State == handles::HandleState::Unknown)
      Detached.insert(H.Index);
  }
  void changed(handles::HandleRef H, handles::HandleState After) override {
    using handles::HandleState;
    if (After == HandleState::Joined || After == HandleState::Detached ||
        After == HandleState::Unknown)
      Settled.insert(H.Index);
  }

  /// Whether some path leaves \p Field running.
  bool leaks(const FieldDecl *Field) const {
    return llvm::any_of(Found,
                        [&](const Leak &L) { return L.Handle.Decl == Field; });
  }

private:
  // One per assignment; a guarded path's guard is kept.
  static void addOverwrite(std::vector<Overwrite> &List, const Overwrite &O) {
    for (Overwrite &Old : List)
      if (Old.Assignment == O.Assignment) {
        if (!Old.Guard)
          Old.Guard = O.Guard;
        return;
      }
    List.push_back(O);
  }
  void add(const Leak &L) {
    for (const Leak &Old : Found)
      if (Old.Index == L.Index && Old.Start == L.Start &&
          (Old.Thrower != nullptr) == (L.Thrower != nullptr) &&
          (Old.Guard != nullptr) == (L.Guard != nullptr))
        return;
    Found.push_back(L);
  }
  const bool Exceptions;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UNJOINEDTHREADLEAKS_H
