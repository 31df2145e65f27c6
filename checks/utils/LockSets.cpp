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

// The call \p E makes, through what real code wraps a lock call in: a cast
// to void, a comparison with the error code, an assignment of the result.
const CallExpr *wrappedCall(const Expr *E) {
  E = E ? E->IgnoreParenCasts() : nullptr;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E)) {
    if (Binary->isAssignmentOp())
      return wrappedCall(Binary->getRHS());
    if (!Binary->isComparisonOp())
      return nullptr;
    if (const CallExpr *Call = wrappedCall(Binary->getLHS()))
      return Call;
    return wrappedCall(Binary->getRHS());
  }
  if (const auto *Not = dyn_cast_or_null<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return wrappedCall(Not->getSubExpr());
  return dyn_cast_or_null<CallExpr>(E);
}

/// What a call does to the held set: locks or unlocks a mutex.
void applyCall(const CallExpr *Call, MutexSet &Held, unsigned Depth);

// A helper of this file that returns with a lock held (`lock_state(s)`):
// the mutexes its top-level statements leave locked, which name the same
// fields and globals in the caller.
void applyHelper(const CallExpr *Call, MutexSet &Held, unsigned Depth) {
  const auto *Body =
      dyn_cast_or_null<CompoundStmt>(bodyOf(Call->getDirectCallee()));
  if (!Body || Depth > 0)
    return;
  MutexSet Inner;
  for (const Stmt *S : Body->body())
    if (const auto *E = dyn_cast<Expr>(S))
      if (const CallExpr *C = wrappedCall(E))
        applyCall(C, Inner, Depth + 1);
  for (const ValueDecl *M : Inner)
    Held.insert(M);
}

void applyCall(const CallExpr *Call, MutexSet &Held, unsigned Depth) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return;
    if (llvm::is_contained(model::lockMethods(), Method->getName()) ||
        llvm::is_contained(model::heldAssertionMethods(), Method->getName()))
      addMutexesOf(Member->getImplicitObjectArgument(), Held);
    else if (llvm::is_contained(model::unlockMethods(), Method->getName()))
      if (const ValueDecl *D =
              referencedDecl(Member->getImplicitObjectArgument()))
        Held.erase(D);
    return;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (model::isOneOf(Callee, model::lockFunctions())) {
    if (Call->getNumArgs() > 0)
      addMutexesOf(Call->getArg(0), Held);
  } else if (model::isOneOf(Callee, model::unlockFunctions())) {
    if (Call->getNumArgs() > 0)
      if (const ValueDecl *D = referencedDecl(Call->getArg(0)))
        Held.erase(D);
  } else {
    applyHelper(Call, Held, Depth);
  }
}

void addLocks(const Stmt *S, MutexSet &Held) {
  if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D)) {
        if (isGuard(Var->getType()))
          addMutex(Var, Held);
        else if (const CallExpr *Call = wrappedCall(Var->getInit()))
          applyCall(Call, Held, 0); // int rc = pthread_mutex_lock(&m);
      }
    return;
  }
  // if (pthread_mutex_lock(&m) != 0) { ...; return; }: held after it.
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (const CallExpr *Call = wrappedCall(If->getCond()))
      applyCall(Call, Held, 0);
    return;
  }
  if (const auto *E = dyn_cast<Expr>(S))
    if (const CallExpr *Call = wrappedCall(E))
      applyCall(Call, Held, 0);
}
void addAllLocks(const Stmt *S, MutexSet &Taken) {
  if (!S || isa<LambdaExpr>(S))
    return;
  addLocks(S, Taken);
  for (const Stmt *Child : S->children())
    addAllLocks(Child, Taken);
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

MutexSet mutexesTakenAfter(const Stmt &S, const FunctionDecl &Function) {
  MutexSet Taken;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!Function.getBody() || !pathTo(Function.getBody(), &S, Path))
    return Taken;
  for (size_t I = 0; I + 1 < Path.size(); ++I)
    if (const auto *Block = dyn_cast<CompoundStmt>(Path[I])) {
      bool After = false;
      for (const Stmt *Later : Block->body()) {
        if (After)
          addAllLocks(Later, Taken);
        After = After || Later == Path[I + 1];
      }
    }
  return Taken;
}

} // namespace clang::tidy::threadlife
