//===--- FunctionFacts.h - one function, read once --------------*- C++ -*-===//
//
// What the handle analysis needs of a function before it walks it: the CFG,
// the parent map, and one scan of the body for the locals it holds, which
// of them are aliased, which are pthread or Win32 handles, the pthread
// attributes that create threads detached and the loops that join every
// element of a container. Built once per function per translation unit and
// shared by every check that walks it.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_FUNCTIONFACTS_H
#define THREADLIFE_CHECKS_HANDLES_FUNCTIONFACTS_H

#include "model/ThreadApi.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <vector>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::threadlife::handles {

struct FunctionFacts {
  const FunctionDecl *Function = nullptr;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> Parents;
  /// Loops that join or detach every element of a container.
  std::vector<std::pair<const Stmt *, const ValueDecl *>> JoinLoops;
  /// The join loops that detach the elements, and the detach in each.
  llvm::DenseMap<const Stmt *, const Expr *> DetachLoops;
  /// The statement whose end ends each local's life.
  llvm::DenseMap<const VarDecl *, const Stmt *> Scopes;
  /// Locals whose address is taken, that a lambda captures by reference or
  /// that are passed by non-const reference: their values cannot be followed.
  llvm::SmallPtrSet<const VarDecl *, 8> Aliased;
  /// Locals (and arrays) whose address a C create call fills in
  /// (pthread_create), and locals assigned the handle a C create call returns
  /// (CreateThread, g_thread_new), with the library of the call.
  llvm::DenseMap<const VarDecl *, model::CThreadLibrary> FilledHandles;
  llvm::DenseMap<const VarDecl *, model::CThreadLibrary> ReturnedHandles;
  /// The same for fields, through whatever object holds them
  /// (`pthread_create(&info->tid, ...)`, `s->thread = CreateThread(...)`).
  llvm::DenseMap<const FieldDecl *, model::CThreadLibrary> FilledFields;
  llvm::DenseMap<const FieldDecl *, model::CThreadLibrary> ReturnedFields;
  /// Calls of functions (not methods) whose body this file holds.
  std::vector<const CallExpr *> DefinedCalls;
  /// pthread attributes set to create threads detached (true) or joinable.
  llvm::DenseMap<const VarDecl *, bool> DetachAttrs;
  std::vector<const VarDecl *> Locals;
  /// The body holds code clang could not make sense of (a missing header):
  /// what it does to handles is unknown.
  bool HasErrors = false;

  /// Whether \p S lies in a loop that joins every element of \p Container.
  bool inJoinLoop(const Stmt *S, const ValueDecl *Container) const;
  /// The statement that uses \p S's value, past parentheses, implicit casts,
  /// temporaries and cleanups.
  const Stmt *parentOf(const Stmt *S) const;
};

/// The FunctionFacts of one translation unit's functions, built on demand.
class FunctionFactsCache {
public:
  FunctionFactsCache(const ThreadApi &Api, ASTContext &Ctx,
                     const Preprocessor *PP)
      : Api(Api), Ctx(Ctx), PP(PP) {}

  /// The facts of \p FD's body; null when it has none or no CFG.
  const FunctionFacts *get(const FunctionDecl *FD);

  /// Whether the start routine \p Start detaches its own thread
  /// (pthread_detach(pthread_self())).
  bool selfDetaches(const FunctionDecl *Start) const;

  /// Whether the function that takes a C handle by value in \p Param only
  /// looks at it: every use is an argument of a call that reads the handle
  /// (pthread_setname_np) or of a variadic call's tail (a printf of the ID).
  /// A body that joins it, detaches it or passes it on does not.
  bool onlyReads(const ParmVarDecl *Param);

private:
  const ThreadApi &Api;
  ASTContext &Ctx;
  const Preprocessor *PP;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFacts>> Facts;
  llvm::DenseMap<const ParmVarDecl *, bool> ReadOnlyParams;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_FUNCTIONFACTS_H
