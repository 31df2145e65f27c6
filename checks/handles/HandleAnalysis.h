//===--- HandleAnalysis.h - what happens to thread handles ------*- C++ -*-===//
//
// The analysis the handle checks share: a path-sensitive walk over clang's
// CFG of one function that follows each handle through start, join, detach,
// move and escape, and tells an observer what it saw (HandleObserver.h). The
// parts: the state (HandleState.h), the facts of a function read once
// (FunctionFacts.h), what branches teach (BranchFacts.h), the transfer
// function (Transfer.h), the path exploration (Explorer.h) and the uses of
// handle members (MemberUses.h). One instance serves every check of a
// translation unit that follows the same thread types.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_HANDLEANALYSIS_H
#define THREADLIFE_CHECKS_HANDLES_HANDLEANALYSIS_H

#include "handles/FunctionFacts.h"
#include "handles/HandleObserver.h"
#include "handles/MemberUses.h"
#include "handles/WalkOptions.h"
#include "utils/ExceptionModel.h"
#include <memory>

namespace clang::tidy::threadlife::handles {

class HandleAnalysis {
public:
  HandleAnalysis(const ThreadApi &Api, ASTContext &Ctx, const Preprocessor *PP);

  /// The analysis of \p Ctx's translation unit for \p Api's thread types,
  /// shared with the other checks that ask for the same while any of them
  /// holds it. \p Api must outlive the translation unit.
  static std::shared_ptr<HandleAnalysis>
  forTranslationUnit(ASTContext &Ctx, const ThreadApi &Api,
                     const Preprocessor *PP);

  /// Walks \p FD, telling \p Observer what happens to its handles. False
  /// when the function was too large or irregular to follow: the observer's
  /// events must then be dropped.
  bool run(const FunctionDecl *FD, const WalkOptions &Options,
           HandleObserver &Observer);

  MemberUseIndex &members() { return Members; }
  ExceptionModel &exceptions() { return Exceptions; }
  const ThreadApi &api() const { return Api; }

private:
  /// What a create call makes of a variable or field, by the library of
  /// the call: a handle it fills in, or one it returns.
  struct CreatedInto {
    std::optional<model::CThreadLibrary> Filled, Returned;
  };

  HandleSet follow(const FunctionFacts &F, const WalkOptions &Options);
  void aliasParameters(HandleSet &Handles, const FunctionFacts &F);
  void followSelf(HandleSet &Handles, const FunctionFacts &F,
                  const VarDecl &Pointer);
  void track(HandleSet &Handles, const ValueDecl *D, QualType T,
             const CreatedInto &Created) const;

  const ThreadApi &Api;
  ASTContext &Ctx;
  FunctionFactsCache Functions;
  ExceptionModel Exceptions;
  MemberUseIndex Members;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_HANDLEANALYSIS_H
