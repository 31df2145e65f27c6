//===--- ReceiverObjects.cpp - the object whose members a walk follows ----===//
//
// A walk follows the handle members of one object: `*this` of the walked
// method (WalkOptions::Members), or a local object of the walked function
// (WalkOptions::Receiver) from its construction to its destruction. In the
// member functions the walk enters, that object is `this`.
//
//===----------------------------------------------------------------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"

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

} // namespace clang::tidy::threadlife::handles
