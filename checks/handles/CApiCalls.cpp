//===--- CApiCalls.cpp - what the C thread APIs do to the handles --------===//
//
// pthread_create, CreateThread, thrd_create and the library rows of the API
// table create into an argument or return a handle; the join, detach and
// close calls take it back. A create whose start routine detaches itself, or
// whose attributes ask for a detached thread, leaves a detached handle.
//
//===----------------------------------------------------------------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::threadlife::handles {

void Transfer::cApiCall(PathState &S, const CallExpr *Call,
                        const model::HandleFunction &HF,
                        const FunctionFacts &F) {
  using Op = model::HandleOp;
  if (HF.Op == Op::CreateResult)
    return; // seen at the declaration or assignment that keeps it
  if (HF.Op == Op::CreateIntoArg) {
    create(S, Call, F);
    return;
  }
  const Expr *Arg = skipAddressOf(Call->getArg(HF.HandleArg));
  std::optional<unsigned> H;
  if (const auto *Native = dyn_cast_or_null<CXXMemberCallExpr>(Arg)) {
    const CXXMethodDecl *Method = Native->getMethodDecl();
    const model::ThreadClass *Class =
        Method ? Api.threadClass(Method->getParent()) : nullptr;
    if (Class && Method->getIdentifier() &&
        Method->getName() == Class->NativeHandleMethod)
      H = Handles.find(Native->getImplicitObjectArgument());
  } else {
    H = Handles.find(Arg);
  }
  if (!H) {
    if (std::optional<unsigned> C =
            Handles.find(containerOfElement(Arg, &Handles.self()));
        C && !F.inJoinLoop(Call, Handles[*C].Decl))
      set(S, *C, HandleState::Unknown, Call);
    return;
  }
  if (Handles[*H].IsContainer)
    return;
  if (HF.Op == Op::Join)
    joinOrDetach(S, *H, Call, /*IsDetach=*/false);
  else if (HF.Op == Op::Detach)
    joinOrDetach(S, *H, Call, /*IsDetach=*/true);
  else if (HF.Op == Op::MaybeJoin)
    set(S, *H, HandleState::Unknown, Call);
}

void Transfer::create(PathState &S, const CallExpr *Call,
                      const FunctionFacts &F) {
  const model::HandleFunction &HF = *Api.handleFunction(Call);
  std::optional<unsigned> H =
      Handles.find(filledDecl(Call->getArg(HF.HandleArg), &Handles.self()));
  if (!H || Handles[*H].Kind != TrackedHandle::Filled)
    return;
  // A create into a handle that may still own a thread loses that thread.
  if (!Handles[*H].IsContainer)
    Observer.assigned(ref(*H), Call, S.Handles[*H], S.Guard);
  switch (createdDetached(Call, F)) {
  case Creation::Joinable:
    if (Handles[*H].IsContainer)
      fill(S, *H, Call);
    else
      set(S, *H, HandleState::Running, Call, Call);
    return;
  case Creation::Detached:
    if (!Handles[*H].IsContainer)
      set(S, *H, HandleState::Detached, Call);
    return;
  case Creation::Unknown:
    set(S, *H, HandleState::Unknown, Call);
    return;
  }
}

Transfer::Creation Transfer::createdDetached(const CallExpr *Create,
                                             const FunctionFacts &F) {
  const model::HandleFunction &HF = *Api.handleFunction(Create);
  if (!HF.StartArg || Create->getNumArgs() <= *HF.StartArg)
    return Creation::Unknown;
  if (const auto *Start = dyn_cast_or_null<FunctionDecl>(
          namedDecl(Create->getArg(*HF.StartArg)));
      Start && Functions.selfDetaches(Start))
    return Creation::Detached;
  // A create without attributes (a wrapper passes none, see
  // ThreadApi::createWrapper) creates joinable threads.
  if (!HF.AttrArg || Create->getNumArgs() <= *HF.AttrArg)
    return Creation::Joinable;
  const Expr *Attr = Create->getArg(*HF.AttrArg);
  if (Attr->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return Creation::Joinable;
  const auto *Var = dyn_cast_or_null<VarDecl>(namedDecl(Attr));
  if (!Var || !Var->hasLocalStorage())
    return Creation::Unknown;
  auto It = F.DetachAttrs.find(Var);
  if (It == F.DetachAttrs.end())
    return Creation::Joinable;
  return It->second ? Creation::Detached : Creation::Joinable;
}

} // namespace clang::tidy::threadlife::handles
