//===--- WalkOptions.h - what one handle walk follows -----------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_HANDLES_WALKOPTIONS_H
#define THREADLIFE_CHECKS_HANDLES_WALKOPTIONS_H

#include "handles/HandleState.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::threadlife::handles {

struct WalkOptions {
  /// Follow the function's local handles.
  bool Locals = true;
  /// Follow the handle members of the method's class, with this state on
  /// entry (Unknown: a method called at any time; Running: the destructor of
  /// an object whose threads were started), started where MemberStarts says.
  bool Members = false;
  HandleState MemberEntry = HandleState::Unknown;
  llvm::DenseMap<const FieldDecl *, const Stmt *> MemberStarts;
  /// Members whose state on entry is not MemberEntry's.
  llvm::DenseMap<const FieldDecl *, HandleState> MemberEntries;
  /// A local object whose handle members the walk follows from its
  /// construction to its destruction: its constructor, the member functions
  /// called on it and its destructor are walked into, and inside them
  /// `this` is that object.
  const VarDecl *Receiver = nullptr;
  /// Walk into the bodies of member functions called on 'this'.
  bool InlineMemberCalls = false;
  /// Members whose branch the path remembers as its Guard (flags that the
  /// threads themselves write).
  llvm::SmallPtrSet<const FieldDecl *, 4> GuardFields;
  /// The walked function is a constructor whose exceptions destroy the
  /// members it has made (thrown events for handle members too).
  bool ConstructorExceptions = false;
  /// Which calls the exception paths start at (see ExceptionModel.h).
  bool StrictExceptions = false;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_WALKOPTIONS_H
