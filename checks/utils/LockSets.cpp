//===--- LockSets.cpp - the mutexes held where a statement runs -----------===//

#include "utils/LockSets.h"
#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife {

namespace {
/// The statements from \p Root down to \p Target, both included.
bool pathTo(const Stmt *Root, const Stmt *Target,
            llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!Root)
    return false;
  Path.push_back(Root);
  if (Root == Target)
    return true;
  for (const Stmt *Child : Root->children())
    if (pathTo(Child, Target, Path))
      return true;
  Path.pop_back();
  return false;
}

// Whether \p Body calls a lock (or unlock) method or function.
bool callsAny(const Stmt *Body, llvm::ArrayRef<llvm::StringRef> Methods,
              llvm::ArrayRef<llvm::StringRef> Functions) {
  if (!Body)
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Body)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        llvm::is_contained(Methods, Method->getName()))
      return true;
  } else if (const auto *Call = dyn_cast<CallExpr>(Body)) {
    if (model::isOneOf(Call->getDirectCallee(), Functions))
      return true;
  }
  for (const Stmt *Child : Body->children())
    if (callsAny(Child, Methods, Functions))
      return true;
  return false;
}

const Stmt *bodyOf(const FunctionDecl *F) {
  const FunctionDecl *Definition = F ? F->getDefinition() : nullptr;
  return Definition ? Definition->getBody() : nullptr;
}

// A guard class: a standard one, or a project's own known by what it does
// (leveldb's MutexLock): a constructor that locks, a destructor that unlocks.
bool isGuard(QualType T) {
  if (model::isClassOneOf(T, model::lockGuardTypes()))
    return true;
  const CXXRecordDecl *Record = model::classOf(T);
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  if (!callsAny(bodyOf(Record->getDestructor()), model::unlockMethods(),
                model::unlockFunctions()))
    return false;
  return llvm::any_of(Record->ctors(), [](const CXXConstructorDecl *Ctor) {
    return callsAny(bodyOf(Ctor), model::lockMethods(), model::lockFunctions());
  });
}

void addMutex(const ValueDecl *D, MutexSet &Held) {
  // A guard object stands for the mutexes it was built with.
  if (const auto *Var = dyn_cast<VarDecl>(D))
    if (isGuard(Var->getType())) {
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
              Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr))
        for (const Expr *Arg : Construct->arguments())
          if (const ValueDecl *M = referencedDecl(Arg))
            Held.insert(M);
      return;
    }
  Held.insert(D);
}

void addMutexesOf(const Expr *E, MutexSet &Held) {
  if (const ValueDecl *D = referencedDecl(E))
    addMutex(D, Held);
}

void addLocks(const Stmt *S, MutexSet &Held) {
  if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        if (isGuard(Var->getType()))
          addMutex(Var, Held);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(
      isa<Expr>(S) ? cast<Expr>(S)->IgnoreParenImpCasts() : S);
  if (!Call)
    return;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        llvm::is_contained(model::lockMethods(), Method->getName()))
      addMutexesOf(Member->getImplicitObjectArgument(), Held);
    return;
  }
  if (model::isOneOf(Call->getDirectCallee(), model::lockFunctions()) &&
      Call->getNumArgs() > 0)
    addMutexesOf(Call->getArg(0), Held);
}
} // namespace

MutexSet mutexesHeldAt(const Stmt &S, const FunctionDecl &Function) {
  MutexSet Held;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!Function.getBody() || !pathTo(Function.getBody(), &S, Path))
    return Held;
  for (size_t I = 0; I + 1 < Path.size(); ++I)
    if (const auto *Block = dyn_cast<CompoundStmt>(Path[I]))
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == Path[I + 1])
          break;
        addLocks(Earlier, Held);
      }
  return Held;
}

} // namespace clang::tidy::threadlife
