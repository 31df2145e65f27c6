//===--- BranchFacts.cpp - what a branch tells a path ---------------------===//

#include "handles/BranchFacts.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

std::pair<const Expr *, bool> conditionAtom(const Expr *Cond) {
  bool Polarity = true;
  while (true) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Cond)) {
      Cond = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot) {
      Cond = Not->getSubExpr();
      Polarity = !Polarity;
      continue;
    }
    // `x == 0`, and a smart pointer's `p != nullptr`.
    const Expr *L = nullptr, *R = nullptr;
    bool Equal = false;
    if (const auto *Compare = dyn_cast<BinaryOperator>(Cond);
        Compare && Compare->isEqualityOp()) {
      L = Compare->getLHS()->IgnoreParenImpCasts();
      R = Compare->getRHS()->IgnoreParenImpCasts();
      Equal = Compare->getOpcode() == BO_EQ;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
               Op && Op->getNumArgs() == 2 &&
               (Op->getOperator() == OO_EqualEqual ||
                Op->getOperator() == OO_ExclaimEqual)) {
      L = Op->getArg(0)->IgnoreParenImpCasts();
      R = Op->getArg(1)->IgnoreParenImpCasts();
      Equal = Op->getOperator() == OO_EqualEqual;
    }
    if (const Expr *Other = !L                 ? nullptr
                            : isZeroLiteral(R) ? L
                            : isZeroLiteral(L) ? R
                                               : nullptr) {
      Cond = Other;
      if (Equal)
        Polarity = !Polarity;
      continue;
    }
    return {Cond, Polarity};
  }
}

bool BranchFacts::refine(PathState &S, const Expr *Cond, bool Outcome,
                         const FunctionFacts &F) {
  auto [Atom, Polarity] = conditionAtom(Cond);
  const bool NonZero = Outcome == Polarity;
  bool Feasible = true;
  if (refineHandle(S, Atom, NonZero, Feasible))
    return Feasible;

  llvm::SmallVector<const ValueDecl *, 2> Decls;
  if (!isFlag(Atom, Decls, F))
    return true;
  if (llvm::any_of(Decls, [&](const ValueDecl *D) {
        const auto *Field = dyn_cast<FieldDecl>(D);
        return Field && Options.GuardFields.count(Field);
      }))
    S.Guard = Cond;
  unsigned Key = keyOf(Atom, Decls);
  if (std::optional<bool> Known = S.fact(Key))
    return *Known == NonZero;
  S.setFact(Key, NonZero);
  return true;
}

// A condition on a handle: `t.joinable()`, `thread.isRunning()`, or the
// outcome of its creation. Returns whether \p Atom was one.
bool BranchFacts::refineHandle(PathState &S, const Expr *Atom, bool NonZero,
                               bool &Feasible) const {
  if (const auto *Query = dyn_cast<CXXMemberCallExpr>(Atom))
    if (std::optional<unsigned> H =
            Handles.find(Query->getImplicitObjectArgument())) {
      const TrackedHandle &T = Handles[*H];
      const CXXMethodDecl *Method = Query->getMethodDecl();
      if (T.Class && !T.IsContainer && Method && Method->getIdentifier() &&
          llvm::is_contained(T.Class->JoinableQueries, Method->getName())) {
        HandleValue &V = S.Handles[*H];
        if (V.State == HandleState::Running) {
          Feasible = NonZero;
        } else if (V.State == HandleState::Unknown) {
          V.State = NonZero ? HandleState::Running : HandleState::Empty;
          V.Event = Query;
        } else if (V.State != HandleState::Unborn) {
          Feasible = !NonZero;
        }
        return true;
      }
    }

  if (refinePointer(S, Atom, NonZero, Feasible))
    return true;

  // `if (WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0)`,
  // `if (pthread_join(t, NULL))`: the wait failed, and what became of the
  // thread is not known.
  for (HandleValue &V : S.Handles)
    if (V.State == HandleState::Joined && V.Event &&
        V.Event == skipWrappers(Atom)) {
      if (NonZero)
        V.State = HandleState::Unknown;
      return true;
    }

  // if (pthread_create(...) != 0), if (rc), if (!handle): creation failed.
  // (`rc < 0` and `rc > 0` are read as `rc != 0`: a create call returns
  // zero or an error number.)
  const Expr *Created = Atom;
  if (const auto *Compare = dyn_cast<BinaryOperator>(Atom);
      Compare && isZeroLiteral(Compare->getRHS()) &&
      (Compare->getOpcode() == BO_LT || Compare->getOpcode() == BO_GT))
    Created = Compare->getLHS()->IgnoreParenImpCasts();
  std::optional<unsigned> H = createdBy(S, Created);
  if (!H)
    return false;
  const TrackedHandle &T = Handles[*H];
  // A returned handle (HANDLE, GThread *) is non-null when created; a create
  // call that fills a handle in (pthread_create, thrd_create) returns
  // non-zero when the creation failed.
  bool Failed = T.Kind == TrackedHandle::Returned ? !NonZero : NonZero;
  if (Failed && S.Handles[*H].State == HandleState::Running && !T.IsContainer)
    S.Handles[*H].State = HandleState::Empty;
  // A returned handle no thread was created into is null.
  if (T.Kind == TrackedHandle::Returned && NonZero &&
      S.Handles[*H].State == HandleState::Empty)
    Feasible = false;
  return true;
}

// The pointer handle \p Atom tests for null: `p`, a smart pointer's
// conversion to bool.
std::optional<unsigned> BranchFacts::testedPointer(const Expr *Atom) const {
  if (const auto *Convert = dyn_cast<CXXMemberCallExpr>(Atom);
      Convert && isa_and_nonnull<CXXConversionDecl>(Convert->getMethodDecl()))
    Atom = Convert->getImplicitObjectArgument();
  std::optional<unsigned> H = Handles.find(Atom);
  if (!H || !Handles[*H].isPointer() ||
      skipDereference(Atom) != skipWrappers(Atom))
    return std::nullopt;
  return H;
}

// A null pointer holds no thread; one that holds a thread is not null.
bool BranchFacts::refinePointer(PathState &S, const Expr *Atom, bool NonZero,
                                bool &Feasible) const {
  std::optional<unsigned> H = testedPointer(Atom);
  if (!H)
    return false;
  HandleValue &V = S.Handles[*H];
  if (V.State == HandleState::Unknown && !NonZero) {
    V.State = HandleState::Empty;
    V.Event = Atom;
  } else if (V.State == HandleState::Empty) {
    Feasible = !NonZero;
  } else if (V.State != HandleState::Unborn &&
             V.State != HandleState::Unknown) {
    Feasible = NonZero;
  }
  return true;
}

std::optional<unsigned> BranchFacts::createdBy(const PathState &S,
                                               const Expr *E) const {
  E = skipWrappers(E);
  for (unsigned H = 0; H < S.Handles.size(); ++H)
    if (S.Handles[H].State == HandleState::Running && S.Handles[H].Start == E &&
        Handles[H].Kind != TrackedHandle::Object)
      return H;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    for (const auto &[Var, H] : S.CreateResults)
      if (Var == Ref->getDecl())
        return H;
  }
  // The handle itself: `if (h)`, `if (self->thread)`.
  if (std::optional<unsigned> H = Handles.find(E))
    if (Handles[*H].Kind == TrackedHandle::Returned)
      return H;
  return std::nullopt;
}

// Whether \p E is a flag: a local scalar whose every write the walk sees, or
// a member (of this or of another object) of scalar type. \p E becomes the
// flag read (past an atomic's load()), \p Decls what it reads.
bool BranchFacts::isFlag(const Expr *&E,
                         llvm::SmallVectorImpl<const ValueDecl *> &Decls,
                         const FunctionFacts &F) const {
  E = E->IgnoreParenImpCasts();
  bool Atomic = false;
  if (const auto *Read = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *Method = Read->getMethodDecl();
        Method && (isa<CXXConversionDecl>(Method) ||
                   (Method->getIdentifier() &&
                    Method->getName() == model::atomicLoadMethod()))) {
      E = Read->getImplicitObjectArgument()->IgnoreParenImpCasts();
      Atomic = true;
    }
  if (!Atomic && !E->getType()->isScalarType())
    return false;
  const Expr *Object = E;
  while (const auto *Member = dyn_cast<MemberExpr>(Object)) {
    if (!isa<FieldDecl>(Member->getMemberDecl()))
      return false;
    Decls.push_back(Member->getMemberDecl());
    Object = Member->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Object))
      return true;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(Object);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var)
    return false;
  if (Decls.empty() && (!Var->hasLocalStorage() || F.Aliased.count(Var) ||
                        Handles.contains(Var)))
    return false;
  Decls.push_back(Var);
  return true;
}

unsigned BranchFacts::keyOf(const ValueDecl *D) {
  auto [It, New] = DeclKeys.try_emplace(D, DeclsOf.size());
  if (New)
    DeclsOf.push_back({D});
  return It->second;
}

unsigned BranchFacts::keyOf(const Expr *E,
                            llvm::ArrayRef<const ValueDecl *> Decls) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return keyOf(Ref->getDecl());
  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Ctx, /*Canonical=*/true);
  auto [It, New] = ExprKeys.try_emplace(ID, DeclsOf.size());
  if (New)
    DeclsOf.emplace_back(Decls.begin(), Decls.end());
  return It->second;
}

void BranchFacts::forgetAbout(PathState &S, const ValueDecl *D) const {
  llvm::erase_if(S.Facts, [&](const std::pair<unsigned, bool> &Fact) {
    return llvm::is_contained(DeclsOf[Fact.first], D);
  });
}

void BranchFacts::forgetMembers(PathState &S) const {
  llvm::erase_if(S.Facts, [&](const std::pair<unsigned, bool> &Fact) {
    return llvm::any_of(DeclsOf[Fact.first],
                        [](const ValueDecl *D) { return isa<FieldDecl>(D); });
  });
}

void BranchFacts::write(PathState &S, const Expr *Target, const Expr *Value,
                        const FunctionFacts &F) {
  llvm::SmallVector<const ValueDecl *, 2> Decls;
  if (!isFlag(Target, Decls, F)) {
    if (const ValueDecl *Named = namedDecl(Target->IgnoreParenImpCasts()))
      forgetAbout(S, Named);
    return;
  }
  forgetAbout(S, Decls.front());
  if (Value && !Value->isValueDependent())
    if (std::optional<llvm::APSInt> Int =
            Value->IgnoreParenImpCasts()->getIntegerConstantExpr(Ctx))
      S.setFact(keyOf(Target, Decls), !Int->isZero());
}

void BranchFacts::init(PathState &S, const VarDecl *Var,
                       const FunctionFacts &F) {
  const Expr *Init = Var->getInit();
  if (!Var->hasLocalStorage() || F.Aliased.count(Var) ||
      !Var->getType()->isScalarType() || Init->isValueDependent())
    return;
  if (std::optional<llvm::APSInt> Int =
          Init->IgnoreParenImpCasts()->getIntegerConstantExpr(Ctx))
    S.setFact(keyOf(Var), !Int->isZero());
}

} // namespace clang::tidy::threadlife::handles
