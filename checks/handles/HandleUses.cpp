//===--- HandleUses.cpp - how a use of a handle's name treats it ----------===//
//
// A handle named where no transfer function above applies: is it consumed
// by the statement around it (seen there), only read, or may the code
// around it change it where the walk cannot follow (it escapes)?
//
//===----------------------------------------------------------------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::threadlife::handles {

Transfer::Use Transfer::classify(const Expr *Ref, unsigned H,
                                 const FunctionFacts &F) const {
  const TrackedHandle &T = Handles[H];
  if (T.IsContainer && F.inJoinLoop(Ref, T.Decl))
    return Use::Consumed;
  const Stmt *P = F.parentOf(Ref);
  if (!P)
    return Use::Escape;
  if (T.isPointer()) {
    // `p->join()`, `*p`: a use of the thread object; `if (p)`, `delete p`.
    if (const auto *Deref = dyn_cast<Expr>(P);
        Deref && skipDereference(Deref) == skipWrappers(Ref))
      return classify(Deref, H, F);
    if (isa<IfStmt, WhileStmt, ForStmt, DoStmt, ConditionalOperator>(P))
      return Use::Inert;
    if (isa<CXXDeleteExpr>(P))
      return Use::Consumed;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(P))
    return isa<CXXMemberCallExpr>(F.parentOf(Member)) ? Use::Consumed
                                                      : Use::Escape;
  if (isa<ArraySubscriptExpr>(P) ||
      (isa<CXXOperatorCallExpr>(P) &&
       cast<CXXOperatorCallExpr>(P)->getOperator() == OO_Subscript))
    return classifyElementUse(P, F);
  if (const auto *Unary = dyn_cast<UnaryOperator>(P)) {
    if (Unary->getOpcode() == UO_LNot)
      return Use::Inert;
    if (Unary->getOpcode() != UO_AddrOf)
      return Use::Escape;
    const auto *Call = dyn_cast_or_null<CallExpr>(F.parentOf(Unary));
    const model::HandleFunction *HF = Api.handleFunction(Call);
    // pthread_create(&t, ...), uv_thread_join(&t).
    return HF && HF->Op != model::HandleOp::CreateResult &&
                   skipWrappers(Call->getArg(HF->HandleArg)) == Unary
               ? Use::Consumed
               : Use::Escape;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(P)) {
    if (Binary->isComparisonOp() || Binary->isLogicalOp())
      return Use::Inert;
    if (Binary->getOpcode() == BO_Assign &&
        skipWrappers(Binary->getLHS()) == skipWrappers(Ref))
      return Use::Consumed;
    return Use::Escape;
  }
  if (isa<IfStmt, WhileStmt, ForStmt, DoStmt, ConditionalOperator>(P))
    return T.Kind == TrackedHandle::Object ? Use::Escape : Use::Inert;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        skipWrappers(Op->getArg(0)) == skipWrappers(Ref))
      return Use::Consumed;
    if (Op->getOperator() == OO_EqualEqual ||
        Op->getOperator() == OO_ExclaimEqual)
      return Use::Inert;
    return Use::Escape;
  }
  if (const auto *Call = dyn_cast<CallExpr>(P))
    return classifyCallArgument(Ref, Call, H, F);
  return Use::Escape;
}

// An element: filled by an assignment or pthread_create(&ts[i]).
Transfer::Use Transfer::classifyElementUse(const Stmt *Element,
                                           const FunctionFacts &F) const {
  const Stmt *User = F.parentOf(Element);
  if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(User);
      Addr && Addr->getOpcode() == UO_AddrOf)
    User = F.parentOf(Addr);
  if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(User);
      Assign && Assign->getOperator() == OO_Equal &&
      skipWrappers(Assign->getArg(0)) == Element)
    return Use::Consumed;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(User))
    if (const model::HandleFunction *HF = Api.handleFunction(Call);
        HF && HF->Op == model::HandleOp::CreateIntoArg)
      return Use::Consumed;
  return Use::Escape;
}

Transfer::Use Transfer::classifyCallArgument(const Expr *Ref,
                                             const CallExpr *Call, unsigned H,
                                             const FunctionFacts &F) const {
  if (const model::HandleFunction *HF = Api.handleFunction(Call))
    if (HF->Op != model::HandleOp::CreateResult &&
        skipWrappers(Call->getArg(HF->HandleArg)) == skipWrappers(Ref))
      return Use::Consumed;
  if (Handles.passesHandle(*Call))
    return Use::Consumed; // the walk follows it into the function
  if (movedFrom(Call)) {
    // Moved into a new handle, another followed handle, or a container.
    const Stmt *Target = F.parentOf(Call);
    bool Owning = false;
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Target);
        Construct && (Api.threadClass(Construct->getType()) ||
                      Api.pointeeClass(Construct->getType(), Owning)))
      return Use::Consumed;
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Target);
        Assign && Assign->getOperator() == OO_Equal &&
        Handles.find(Assign->getArg(0)))
      return Use::Consumed;
    if (const auto *Fill = dyn_cast_or_null<CXXMemberCallExpr>(Target))
      if (std::optional<unsigned> C =
              Handles.find(Fill->getImplicitObjectArgument());
          C && Handles[*C].IsContainer)
        return Use::Consumed;
    return Use::Escape;
  }
  // A const reference cannot join; anything else may.
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (skipWrappers(Call->getArg(I)) == skipWrappers(Ref) &&
          I < Callee->getNumParams()) {
        QualType Param = Callee->getParamDecl(I)->getType();
        if (Handles[H].Kind == TrackedHandle::Object &&
            Param->isReferenceType() &&
            Param.getNonReferenceType().isConstQualified())
          return Use::Inert;
        if (Handles[H].Kind == TrackedHandle::Filled &&
            !Param->isReferenceType() && !Param->isPointerType() &&
            Functions.onlyReads(Callee->getParamDecl(I)))
          return Use::Inert;
      }
  return Use::Escape;
}

} // namespace clang::tidy::threadlife::handles
