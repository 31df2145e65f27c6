//===--- Transfer.cpp - what one statement does to the handles ------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

//===--- One handle -------------------------------------------------------===//

void Transfer::set(PathState &S, unsigned H, HandleState State,
                   const Stmt *Event, const Stmt *Start) {
  HandleValue &V = S.Handles[H];
  V.State = State;
  V.Event = Event;
  V.Start = State == HandleState::Running ? Start : V.Start;
  Observer.changed(ref(H), State);
}

// Code that may reach every member through `this`.
void Transfer::forgetMembers(PathState &S, const Stmt *Event) {
  for (unsigned H = 0; H < Handles.size(); ++H)
    if (isa<FieldDecl>(Handles[H].Decl))
      set(S, H, HandleState::Unknown, Event);
}

// \p H takes \p W's value; \p W is left \p Left.
void Transfer::moveValue(PathState &S, unsigned H, unsigned W, HandleState Left,
                         const Stmt *Event) {
  HandleValue Moved = S.Handles[W];
  set(S, W, Left, Event);
  S.Handles[H] = Moved;
  if (Moved.State == HandleState::Unborn)
    S.Handles[H].State = HandleState::Unknown;
}

void Transfer::joinOrDetach(PathState &S, unsigned H, const Expr *Call,
                            bool IsDetach) {
  const HandleValue Before = S.Handles[H];
  if (IsDetach)
    Observer.detached(ref(H), Call, Before);
  else
    Observer.joined(ref(H), Call, Before);
  set(S, H, IsDetach ? HandleState::Detached : HandleState::Joined, Call);
}

void Transfer::fill(PathState &S, unsigned C, const Expr *Call) {
  HandleValue &V = S.Handles[C];
  if (V.State == HandleState::Unknown)
    return;
  if (V.State != HandleState::Running)
    set(S, C, HandleState::Running, Call, Call);
}

//===--- Declarations and scopes -----------------------------------------===//

void Transfer::declaration(PathState &S, const DeclStmt *Decl,
                           const FunctionFacts &F) {
  for (const class Decl *One : Decl->decls()) {
    const auto *Var = dyn_cast<VarDecl>(One);
    if (!Var)
      continue;
    if (std::optional<unsigned> H = Handles.find(Var)) {
      initVar(S, *H, Var, Decl);
    } else if (Var == Options.Receiver && Handles.self().contains(Var)) {
      selfBound(S, Var->getInit(), Decl);
    } else if (Var->getInit()) {
      Facts.init(S, Var, F);
      if (std::optional<unsigned> Created = Facts.createdBy(S, Var->getInit()))
        S.CreateResults.push_back({Var, *Created});
    }
  }
}

void Transfer::initVar(PathState &S, unsigned H, const VarDecl *Var,
                       const DeclStmt *Decl) {
  const TrackedHandle &T = Handles[H];
  const Expr *Init = Var->getInit();
  if (T.Kind == TrackedHandle::Returned) {
    const auto *Call = dyn_cast_or_null<CallExpr>(skipWrappers(Init));
    const model::HandleFunction *HF = Api.handleFunction(Call);
    if (HF && HF->Op == model::HandleOp::CreateResult)
      set(S, H, HandleState::Running, Decl, Call);
    else
      set(S, H,
          Init && !isZeroLiteral(Init) ? HandleState::Unknown
                                       : HandleState::Empty,
          Decl);
    return;
  }
  if (T.Kind == TrackedHandle::Filled) {
    set(S, H,
        !Init || isZeroLiteral(Init) ? HandleState::Empty
                                     : HandleState::Unknown,
        Decl);
    return;
  }
  if (T.isPointer()) {
    setPointer(S, H, Init, Decl);
    return;
  }
  if (T.IsContainer) {
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Init));
    // Empty, or sized: `std::vector<std::thread> ts(n)` holds no thread.
    bool Empty =
        !Init || (Construct && Construct->getNumArgs() == 0) ||
        (Construct && !Construct->getConstructor()->isCopyOrMoveConstructor() &&
         llvm::all_of(Construct->arguments(), [](const Expr *Arg) {
           return Arg->getType()->isIntegerType() ||
                  isa<CXXDefaultArgExpr>(Arg);
         }));
    set(S, H, Empty ? HandleState::Empty : HandleState::Unknown, Decl);
    return;
  }
  initObject(S, H, Init, Decl);
}

void Transfer::initObject(PathState &S, unsigned H, const Expr *Init,
                          const DeclStmt *Decl) {
  if (const CXXConstructExpr *Start = Api.threadStart(Init)) {
    set(S, H, HandleState::Running, Decl, Start);
    return;
  }
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Init));
  if (!Init || (Construct && (Construct->getNumArgs() == 0 ||
                              !Handles[H].Class->StartsInConstructor))) {
    set(S, H, HandleState::Empty, Decl);
    return;
  }
  if (Construct && Construct == PendingMove.first) {
    S.Handles[H] = PendingMove.second;
    if (S.Handles[H].State == HandleState::Unborn)
      S.Handles[H].State = HandleState::Unknown;
    return;
  }
  set(S, H, HandleState::Unknown, Decl);
}

void Transfer::endOfLife(PathState &S, const VarDecl *Var, const Stmt *Trigger,
                         const FunctionFacts &F) {
  std::optional<unsigned> H = Handles.find(Var);
  if (!H || S.Handles[*H].State == HandleState::Unborn)
    return;
  // A raw pointer's end leaves the thread object alive.
  if (Handles[*H].Through == TrackedHandle::Holder::RawPointer) {
    S.Handles[*H].State = HandleState::Unborn;
    return;
  }
  SourceLocation Loc;
  const Stmt *Exit = nullptr;
  if (const auto *Scope = dyn_cast_or_null<CompoundStmt>(Trigger)) {
    Loc = Scope->getRBracLoc();
  } else if (Trigger) {
    Exit = Trigger;
    Loc = Trigger->getBeginLoc();
  } else if (const auto *Scope =
                 dyn_cast_or_null<CompoundStmt>(F.Scopes.lookup(Var))) {
    Loc = Scope->getRBracLoc();
  }
  Observer.lifeEnds(ref(*H), S.Handles[*H], Exit, Loc);
  S.Handles[*H].State = HandleState::Unborn;
}

void Transfer::memberInit(PathState &S, const CXXCtorInitializer *Init) {
  std::optional<unsigned> H = Handles.find(Init->getMember());
  if (!H)
    return;
  if (Handles[*H].isPointer())
    setPointer(S, *H, Init->getInit(), Init->getInit());
  else if (const CXXConstructExpr *Start = Api.threadStart(Init->getInit()))
    set(S, *H, HandleState::Running, Start, Start);
  else
    set(S, *H, HandleState::Empty, Init->getInit());
}

void Transfer::exceptionPath(PathState &S, const Stmt *Thrower,
                             const FunctionFacts &F, bool Inlined) {
  if (!Observer.wantsExceptions() || Inlined)
    return;
  auto Destroyed = [&](unsigned H) {
    const TrackedHandle &T = Handles[H];
    return S.Handles[H].State == HandleState::Running &&
           T.Kind == TrackedHandle::Object &&
           (isa<VarDecl>(T.Decl) ||
            (isa<FieldDecl>(T.Decl) && Options.ConstructorExceptions)) &&
           T.Through != TrackedHandle::Holder::RawPointer;
  };
  bool Any = false;
  for (unsigned H = 0; H < Handles.size(); ++H)
    Any |= Destroyed(H);
  if (!Any || !Exceptions.mayThrow(Thrower, Options.StrictExceptions))
    return;
  for (unsigned H = 0; H < Handles.size(); ++H) {
    // A try inside the handle's scope may catch it: the handle lives on.
    const auto *Var = dyn_cast<VarDecl>(Handles[H].Decl);
    if (!Destroyed(H) ||
        insideTry(Thrower, Var ? F.Scopes.lookup(Var) : F.Function->getBody(),
                  *F.Parents))
      continue;
    Observer.thrown(ref(H), S.Handles[H], Thrower);
  }
}

//===--- Objects ----------------------------------------------------------===//

void Transfer::construction(PathState &S, const CXXConstructExpr *Construct) {
  // Moving a handle into a new object: the source is left empty.
  if (Construct->getNumArgs() != 1 ||
      !Construct->getConstructor()->isMoveConstructor() ||
      !Api.threadClass(Construct->getType()))
    return;
  if (const Expr *Source = movedFrom(Construct->getArg(0)))
    if (std::optional<unsigned> W = Handles.find(Source)) {
      PendingMove = {Construct, S.Handles[*W]};
      set(S, *W, HandleState::MovedFrom, Construct);
    }
}

// Returns false when the assignment may throw (it is not a handle's).
bool Transfer::assignment(PathState &S, const CXXOperatorCallExpr *Op,
                          const FunctionFacts &F) {
  if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
    return false;
  if (std::optional<unsigned> H = Handles.find(Op->getArg(0))) {
    if (Handles[*H].Kind == TrackedHandle::Object) {
      if (Handles[*H].IsContainer)
        set(S, *H, HandleState::Unknown, Op);
      else if (namesPointer(*H, Op->getArg(0)))
        replacePointee(S, *H, Op->getArg(1), Op);
      else
        assignObject(S, *H, Op);
    }
    return true;
  }
  if (std::optional<unsigned> C =
          Handles.find(containerOfElement(Op->getArg(0), &Handles.self()))) {
    assignElement(S, *C, Op, F);
    return true;
  }
  Facts.write(S, Op->getArg(0), Op->getArg(1), F);
  return false;
}

void Transfer::assignObject(PathState &S, unsigned H,
                            const CXXOperatorCallExpr *Op) {
  const Expr *Rhs = Op->getArg(1);
  Observer.assigned(ref(H), Op, S.Handles[H], S.Guard);
  if (const CXXConstructExpr *Start = Api.threadStart(Rhs)) {
    set(S, H, HandleState::Running, Op, Start);
    return;
  }
  if (const Expr *Source = movedFrom(Rhs)) {
    std::optional<unsigned> W = Handles.find(Source);
    if (!W) {
      set(S, H, HandleState::Unknown, Op);
      return;
    }
    moveValue(S, H, *W, HandleState::MovedFrom, Op);
    return;
  }
  const Expr *Value = skipWrappers(Rhs);
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Value);
  const auto *List = dyn_cast_or_null<InitListExpr>(Value);
  if ((Construct && Construct->getNumArgs() == 0) ||
      (List && List->getNumInits() == 0)) {
    set(S, H, HandleState::Empty, Op);
    return;
  }
  set(S, H, HandleState::Unknown, Op);
}

void Transfer::assignElement(PathState &S, unsigned C,
                             const CXXOperatorCallExpr *Op,
                             const FunctionFacts &F) {
  const Expr *Source = movedFrom(Op->getArg(1));
  if (Api.threadStart(Op->getArg(1)) || Source) {
    if (Source)
      if (std::optional<unsigned> W = Handles.find(Source))
        set(S, *W, HandleState::MovedFrom, Op);
    fill(S, C, Op);
  } else if (!F.inJoinLoop(Op, Handles[C].Decl)) {
    set(S, C, HandleState::Unknown, Op);
  }
}

// Returns false when the call may throw (it is not on a handle).
bool Transfer::methodCall(PathState &S, const CXXMemberCallExpr *Call,
                          const FunctionFacts &F) {
  const Expr *Object = Call->getImplicitObjectArgument();
  if (std::optional<unsigned> H = Handles.find(Object)) {
    if (Handles[*H].IsContainer)
      containerMethod(S, *H, Call);
    else if (namesPointer(*H, Object) && !callsThroughArrow(*Call))
      pointerMethod(S, *H, Call);
    else
      handleMethod(S, *H, Call);
    return true;
  }
  if (std::optional<unsigned> C =
          Handles.find(containerOfElement(Object, &Handles.self()))) {
    if (!F.inJoinLoop(Call, Handles[*C].Decl))
      set(S, *C, HandleState::Unknown, Call);
    return true;
  }
  if (isFollowedObject(Object)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->isConst()) {
      Facts.forgetMembers(S);
      // A member function whose body the walk cannot see may join.
      const FunctionDecl *Definition =
          Method ? Method->getDefinition() : nullptr;
      if (!Definition || !Definition->getBody() || !Options.InlineMemberCalls)
        forgetMembers(S, Call);
    }
  }
  return false;
}

void Transfer::containerMethod(PathState &S, unsigned C,
                               const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  llvm::StringRef Name =
      Method && Method->getIdentifier() ? Method->getName() : "";
  if (llvm::is_contained(model::containerFillMethods(), Name)) {
    for (const Expr *Arg : Call->arguments())
      if (const Expr *Source = movedFrom(Arg))
        if (std::optional<unsigned> W = Handles.find(Source))
          set(S, *W, HandleState::MovedFrom, Call);
    fill(S, C, Call);
  } else if (!llvm::is_contained(model::containerInertMethods(), Name)) {
    set(S, C, HandleState::Unknown, Call);
  }
}

void Transfer::handleMethod(PathState &S, unsigned H,
                            const CXXMemberCallExpr *Call) {
  const model::ThreadClass *Class = Handles[H].Class;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  llvm::StringRef Name =
      Method && Method->getIdentifier() ? Method->getName() : "";
  // A method of a class derived from the handle's may do anything.
  const bool Own =
      Method && Class && ThreadApi::isNamed(Method->getParent(), {Class->Name});
  if (Own && llvm::is_contained(Class->JoinMethods, Name)) {
    // A join with a deadline may return with the thread still running.
    if (llvm::any_of(Call->arguments(), [](const Expr *Arg) {
          return !isa<CXXDefaultArgExpr>(Arg);
        }))
      set(S, H, HandleState::Unknown, Call);
    else
      joinOrDetach(S, H, Call, /*IsDetach=*/false);
    return;
  }
  if (Own && llvm::is_contained(Class->DetachMethods, Name)) {
    joinOrDetach(S, H, Call, /*IsDetach=*/true);
    return;
  }
  if (Own && llvm::is_contained(Class->StartMethods, Name)) {
    if (S.Handles[H].State != HandleState::Running)
      set(S, H, HandleState::Running, Call, Call);
    return;
  }
  if (Own && Name == model::swapMethod() && Call->getNumArgs() == 1) {
    if (std::optional<unsigned> W = Handles.find(Call->getArg(0)))
      std::swap(S.Handles[H], S.Handles[*W]);
    else
      set(S, H, HandleState::Unknown, Call);
    return;
  }
  if (Own && (llvm::is_contained(Class->JoinableQueries, Name) ||
              llvm::is_contained(Class->InertMethods, Name)))
    return;
  if (Method && Method->isConst())
    return;
  set(S, H, HandleState::Unknown, Call);
}

//===--- Scalars, lambdas, names -----------------------------------------===//

void Transfer::builtinAssignment(PathState &S, const BinaryOperator *Binary,
                                 const FunctionFacts &F) {
  std::optional<unsigned> H = Handles.find(Binary->getLHS());
  if (H && Handles[*H].Kind == TrackedHandle::Returned) {
    const auto *Create =
        dyn_cast_or_null<CallExpr>(skipWrappers(Binary->getRHS()));
    const model::HandleFunction *HF = Api.handleFunction(Create);
    if (HF && HF->Op == model::HandleOp::CreateResult)
      set(S, *H, HandleState::Running, Binary, Create);
    else
      set(S, *H,
          isZeroLiteral(Binary->getRHS()) ? HandleState::Empty
                                          : HandleState::Unknown,
          Binary);
    return;
  }
  if (H && Binary->getOpcode() == BO_Assign &&
      namesPointer(*H, Binary->getLHS())) {
    setPointer(S, *H, Binary->getRHS(), Binary);
    return;
  }
  if (H) {
    set(S, *H, HandleState::Unknown, Binary);
    return;
  }
  if (Binary->getOpcode() == BO_Assign && Options.Receiver &&
      Handles.self().contains(Options.Receiver) &&
      namedDecl(Binary->getLHS()) == Options.Receiver) {
    selfBound(S, Binary->getRHS(), Binary);
    return;
  }
  Facts.write(S, Binary->getLHS(),
              Binary->getOpcode() == BO_Assign ? Binary->getRHS() : nullptr, F);
  if (const auto *Ref =
          dyn_cast<DeclRefExpr>(Binary->getLHS()->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
      llvm::erase_if(S.CreateResults,
                     [&](const auto &P) { return P.first == Var; });
      if (std::optional<unsigned> Created =
              Facts.createdBy(S, Binary->getRHS()))
        S.CreateResults.push_back({Var, *Created});
    }
}

// Whether \p S may change a handle member of `*this`: it names one, calls a
// member function that may (one of the file that does not, two calls deep,
// is harmless; a virtual one may be overridden), or lets `this` go anywhere
// else.
static bool mayTouchMembers(const Stmt *S, const HandleSet &Handles,
                            unsigned Depth = 0) {
  if (!S)
    return false;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Method)
      return Handles.find(Member->getMemberDecl()).has_value();
    const FunctionDecl *Def = Method->getDefinition();
    return Depth >= 2 || Method->isVirtual() || !Def || !Def->getBody() ||
           mayTouchMembers(Def->getBody(), Handles, Depth + 1);
  }
  if (isa<CXXThisExpr>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (mayTouchMembers(Child, Handles, Depth))
      return true;
  return false;
}

void Transfer::lambda(PathState &S, const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures()) {
    // `[this] { io.run(); }` reaches members, but none that holds a thread.
    if (Capture.capturesThis() && followsThis()) {
      auto [It, New] = TouchingLambdas.try_emplace(Lambda, false);
      if (New)
        It->second = mayTouchMembers(Lambda->getBody(), Handles);
      if (It->second)
        forgetMembers(S, Lambda);
    }
    if (Capture.capturesVariable())
      if (std::optional<unsigned> H = Handles.find(Capture.getCapturedVar()))
        set(S, *H, HandleState::Unknown, Lambda);
  }
}

// `this` other than to reach a member; a lambda's capture of it is the
// lambda's to judge (Transfer::lambda).
void Transfer::thisUse(PathState &S, const Stmt *This, const FunctionFacts &F) {
  if (followsThis() &&
      !isa_and_nonnull<MemberExpr, LambdaExpr>(F.parentOf(This)))
    forgetMembers(S, This);
}

void Transfer::nameUse(PathState &S, const Expr *Ref, const FunctionFacts &F) {
  if (const auto *Name = dyn_cast<DeclRefExpr>(Ref);
      Name && Handles.isSelf(Name)) {
    selfUse(S, Name, F);
    return;
  }
  if (const auto *Name = dyn_cast<DeclRefExpr>(Ref);
      Name && Options.Receiver && !InCallee &&
      Name->getDecl() == Options.Receiver) {
    receiverUse(S, Name, F);
    return;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(Ref);
      Member && !isThisObject(Member->getBase(), &Handles.self()))
    return;
  if (std::optional<unsigned> H = Handles.find(Ref);
      H && classify(Ref, *H, F) == Use::Escape)
    set(S, *H, HandleState::Unknown, Ref);
}

//===--- Dispatch ---------------------------------------------------------===//

void Transfer::statement(PathState &S, const Stmt *St, const FunctionFacts &F,
                         bool Inlined) {
  InCallee = Inlined;
  for (const auto &[Loop, C] : F.JoinLoops) {
    std::optional<unsigned> H = Handles.find(C);
    if (!H || S.Handles[*H].State == HandleState::Unborn ||
        !F.inJoinLoop(St, C))
      continue;
    // Detaching every element is one detach of the container, seen once.
    if (const Expr *Detach = F.DetachLoops.lookup(Loop)) {
      if (S.Handles[*H].State != HandleState::Detached)
        joinOrDetach(S, *H, Detach, /*IsDetach=*/true);
    } else {
      set(S, *H, HandleState::Joined, Loop);
    }
  }

  bool MayThrow = false;
  if (const auto *Decl = dyn_cast<DeclStmt>(St)) {
    declaration(S, Decl, F);
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(St)) {
    construction(S, Construct);
    MayThrow = true;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St)) {
    MayThrow = !assignment(S, Op, F);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(St)) {
    MayThrow = !methodCall(S, Call, F);
  } else if (const auto *Call = dyn_cast<CallExpr>(St)) {
    if (const model::HandleFunction *HF = Api.handleFunction(Call))
      cApiCall(S, Call, *HF, F);
    else
      MayThrow = true;
  } else if (const auto *Binary = dyn_cast<BinaryOperator>(St)) {
    if (Binary->isAssignmentOp())
      builtinAssignment(S, Binary, F);
  } else if (const auto *Unary = dyn_cast<UnaryOperator>(St)) {
    if (Unary->isIncrementDecrementOp())
      Facts.write(S, Unary->getSubExpr(), nullptr, F);
  } else if (isa<CXXNewExpr, CXXThrowExpr>(St)) {
    MayThrow = true;
  } else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(St)) {
    deletion(S, Delete);
  } else if (const auto *Lambda = dyn_cast<LambdaExpr>(St)) {
    lambda(S, Lambda);
  } else if (isa<CXXThisExpr>(St)) {
    thisUse(S, St, F);
  } else if (isa<DeclRefExpr, MemberExpr>(St)) {
    nameUse(S, cast<Expr>(St), F);
  }
  if (MayThrow)
    exceptionPath(S, St, F, Inlined);
}

} // namespace clang::tidy::threadlife::handles
