//===--- ReceiverObjects.cpp - the object whose members a walk follows ----===//
//
// A walk follows the handle members of one object: `*this` of the walked
// method (WalkOptions::Members), or a local object of the walked function
// (WalkOptions::Receiver) from its construction to its destruction. In the
// member functions the walk enters, that object is `this`. A receiver given
// as a pointer is a struct handled the C way (`info = calloc(...)`,
// `pthread_create(&info->tid, ...)`): in the functions the walk enters with
// it, the parameter it is passed as names it (HandleSet::self()).
//
//===----------------------------------------------------------------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

bool Transfer::followsThis() const {
  return Options.Members || (Options.Receiver && InCallee);
}

bool Transfer::isFollowedObject(const Expr *Object) const {
  if (Options.Receiver && !InCallee)
    return namedDecl(Object) == Options.Receiver;
  return followsThis() && isThisObject(Object);
}

bool Transfer::constructsReceiver(const CXXConstructExpr *Construct) const {
  return Options.Receiver && Construct &&
         skipWrappers(Options.Receiver->getInit()) == Construct;
}

void Transfer::receiverConstructed(PathState &S,
                                   const CXXConstructExpr *Construct) {
  for (unsigned H = 0; H < Handles.size(); ++H) {
    const auto *Field = dyn_cast<FieldDecl>(Handles[H].Decl);
    if (!Field)
      continue;
    const Expr *Init = Field->hasInClassInitializer()
                           ? Field->getInClassInitializer()
                           : nullptr;
    const Stmt *Event = Init ? static_cast<const Stmt *>(Init) : Construct;
    if (Handles[H].isPointer())
      setPointer(S, H, Init, Event);
    else if (const CXXConstructExpr *Start = Api.threadStart(Init))
      set(S, H, HandleState::Running, Start, Start);
    else if (Handles[H].Kind == TrackedHandle::Object)
      set(S, H,
          Init && !isa<CXXConstructExpr>(skipWrappers(Init))
              ? HandleState::Unknown
              : HandleState::Empty,
          Event);
    else
      set(S, H, HandleState::Unknown, Event);
  }
}

// The receiver named other than as the object of a member call: passed by
// const reference it stays as it is; anything else may reach its members.
void Transfer::receiverUse(PathState &S, const DeclRefExpr *Ref,
                           const FunctionFacts &F) {
  const Stmt *P = F.parentOf(Ref);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(P);
      Member && isa_and_nonnull<CXXMemberCallExpr>(F.parentOf(Member)))
    return; // the call is walked into, or forgets what it may change
  if (const auto *Call = dyn_cast_or_null<CallExpr>(P))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I)
        if (skipWrappers(Call->getArg(I)) == Ref) {
          QualType Param = Callee->getParamDecl(I)->getType();
          if (Param->isReferenceType() &&
              Param.getNonReferenceType().isConstQualified())
            return;
        }
  forgetMembers(S, Ref);
}

//===--- A struct given through a pointer ---------------------------------===//

bool Transfer::passesSelf(const CallExpr *Call) const {
  if (Handles.self().empty() || isa<CXXMemberCallExpr>(Call) ||
      Api.handleFunction(Call))
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Definition)
    return false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < Definition->getNumParams();
       ++I)
    if (Handles.isSelf(Call->getArg(I)) &&
        Handles.self().contains(Definition->getParamDecl(I)))
      return true;
  return false;
}

// The pointer receiver is given \p Value: memory that holds no thread yet
// (calloc, `new S()`), or an object the walk knows nothing of.
void Transfer::selfBound(PathState &S, const Expr *Value, const Stmt *Event) {
  const bool Zeroed = zeroedAllocation(Value, /*FollowCalls=*/true);
  for (unsigned H = 0; H < Handles.size(); ++H)
    if (isa<FieldDecl>(Handles[H].Decl))
      set(S, H, Zeroed ? HandleState::Empty : HandleState::Unknown, Event);
}

// calloc, g_malloc0, `new S()`; with \p FollowCalls, a function of the file
// that returns one of those (a constructor function, `association_new()`).
bool Transfer::zeroedAllocation(const Expr *Value, bool FollowCalls) const {
  const Expr *V = Value ? skipWrappers(Value) : nullptr;
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(V); New && !New->isArray())
    if (const Expr *Init = New->getInitializer()) {
      const auto *List = dyn_cast<InitListExpr>(Init);
      const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      return isa<ImplicitValueInitExpr>(Init) ||
             (List && List->getNumInits() == 0) ||
             (Construct && Construct->getNumArgs() == 0 &&
              Construct->getConstructor()->isTrivial());
    }
  const auto *Call = dyn_cast_or_null<CallExpr>(V);
  if (!Call)
    return false;
  if (llvm::any_of(
          model::zeroingAllocationFunctions(),
          [&](llvm::StringRef Name) { return Api.isCApiCall(Call, Name); }))
    return true;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  return FollowCalls && Def && Def->getBody() && returnsZeroed(*Def);
}

// Every return gives a zeroed allocation or null, directly or through a
// local that nothing reassigns, and no thread API is called on the way.
bool Transfer::returnsZeroed(const FunctionDecl &F) const {
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  llvm::SmallPtrSet<const VarDecl *, 4> Assigned;
  llvm::SmallVector<const Stmt *, 32> Work = {F.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Api.handleFunction(Call))
      return false;
    if (const auto *Return = dyn_cast<ReturnStmt>(S))
      Returns.push_back(Return);
    if (const auto *Assign = dyn_cast<BinaryOperator>(S);
        Assign && Assign->isAssignmentOp())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(skipWrappers(Assign->getLHS())))
        Assigned.insert(dyn_cast<VarDecl>(Ref->getDecl()));
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return !Returns.empty() && llvm::all_of(Returns, [&](const ReturnStmt *R) {
    const Expr *V = R->getRetValue();
    if (!V || V->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return V != nullptr;
    if (zeroedAllocation(V, /*FollowCalls=*/false))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(V));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Var->hasLocalStorage() && !Assigned.contains(Var) &&
           zeroedAllocation(Var->getInit(), /*FollowCalls=*/false);
  });
}

// A name of the pointer receiver used other than to reach a field: passed
// on to a function the walk enters, to a thread it creates, to free(), or
// tested, it stays as it is; anything else may reach its fields.
void Transfer::selfUse(PathState &S, const DeclRefExpr *Ref,
                       const FunctionFacts &F) {
  const Stmt *P = F.parentOf(Ref);
  if (isa_and_nonnull<MemberExpr, IfStmt, WhileStmt, ForStmt, DoStmt>(P))
    return;
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(P);
      Unary && Unary->getOpcode() == UO_LNot)
    return;
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(P);
      Binary && (Binary->isEqualityOp() || Binary->isLogicalOp()))
    return;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(P))
    if (passesSelf(Call) || Api.handleFunction(Call) ||
        llvm::any_of(model::freeFunctions(), [&](llvm::StringRef Name) {
          return Api.isCApiCall(Call, Name);
        }))
      return;
  forgetMembers(S, Ref);
}

} // namespace clang::tidy::threadlife::handles
