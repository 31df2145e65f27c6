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
  const Expr *V = Value ? skipWrappers(Value) : nullptr;
  bool Zeroed = false;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(V))
    Zeroed = llvm::any_of(
        model::zeroingAllocationFunctions(),
        [&](llvm::StringRef Name) { return Api.isCApiCall(Call, Name); });
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(V); New && !New->isArray())
    if (const Expr *Init = New->getInitializer()) {
      const auto *List = dyn_cast<InitListExpr>(Init);
      const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
      Zeroed = isa<ImplicitValueInitExpr>(Init) ||
               (List && List->getNumInits() == 0) ||
               (Construct && Construct->getNumArgs() == 0 &&
                Construct->getConstructor()->isTrivial());
    }
  for (unsigned H = 0; H < Handles.size(); ++H)
    if (isa<FieldDecl>(Handles[H].Decl))
      set(S, H, Zeroed ? HandleState::Empty : HandleState::Unknown, Event);
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
