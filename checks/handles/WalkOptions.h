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
  /// Walk into the bodies of member functions called on 'this'.
  bool InlineMemberCalls = false;
  /// Members whose branch the path remembers as its Guard (flags that the
  /// threads themselves write).
  llvm::SmallPtrSet<const FieldDecl *, 4> GuardFields;
  /// Which calls the exception paths start at (see ExceptionModel.h).
  bool StrictExceptions = false;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_WALKOPTIONS_H
