//===--- HandlePointers.cpp - thread objects held through a pointer -------===//
//
// A thread object held by a unique owner (`std::unique_ptr<std::thread>`)
// or by a raw pointer from `new`. Calls through the pointer (`p->join()`)
// act on the thread object as on a handle; what the pointer itself does
// (a reset, an assignment, a delete) replaces or destroys it. Destroying a
// joinable std::thread calls std::terminate wherever it happens, so each
// destruction is an event of its own.
//
//===----------------------------------------------------------------------===//

#include "handles/Transfer.h"
#include "utils/Expressions.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

// Whether \p E names pointer handle \p H itself, not the thread object
// it points to.
bool Transfer::namesPointer(unsigned H, const Expr *E) const {
  return Handles[H].isPointer() && skipDereference(E) == skipWrappers(E);
}

// A unique owner constructed from \p E: `unique_ptr(nullptr)`, `unique_ptr()`
// or a move; \p E itself otherwise.
static const Expr *ownerSource(const Expr *E, bool &Null) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(E));
  if (!Construct)
    return E;
  if (Construct->getNumArgs() == 0) {
    Null = true;
    return nullptr;
  }
  if (Construct->getNumArgs() == 1 &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return Construct->getArg(0);
  if (Construct->getNumArgs() == 1 && isZeroLiteral(Construct->getArg(0)))
    Null = true;
  return E;
}

void Transfer::setPointer(PathState &S, unsigned H, const Expr *Value,
                          const Stmt *Event) {
  if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(Value))
    Value = Default->getExpr();
  bool Null = !Value;
  Value = ownerSource(Value, Null);
  if (Null || isZeroLiteral(Value) || Api.makesEmptyThread(Value)) {
    set(S, H, HandleState::Empty, Event);
    return;
  }
  if (const Expr *Start = Api.pointerStart(Value)) {
    set(S, H, HandleState::Running, Event, Start);
    return;
  }
  if (const Expr *Source = movedFrom(Value))
    if (std::optional<unsigned> W = Handles.find(Source);
        W && namesPointer(*W, Source)) {
      // A moved-from unique owner is null.
      moveValue(S, H, *W, HandleState::Empty, Event);
      return;
    }
  set(S, H, HandleState::Unknown, Event);
}

// A unique owner given \p Value at \p Where destroys what it held.
void Transfer::replacePointee(PathState &S, unsigned H, const Expr *Value,
                              const Expr *Where) {
  Observer.destroyed(ref(H), Where, S.Handles[H], S.Guard);
  setPointer(S, H, Value, Where);
}

void Transfer::pointerMethod(PathState &S, unsigned H,
                             const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  llvm::StringRef Name =
      Method && Method->getIdentifier() ? Method->getName() : "";
  if (Name == model::pointerResetMethod()) {
    replacePointee(S, H, Call->getNumArgs() ? Call->getArg(0) : nullptr, Call);
    return;
  }
  if (Name == model::pointerReleaseMethod() || !Method || !Method->isConst())
    set(S, H, HandleState::Unknown, Call);
}

void Transfer::deletion(PathState &S, const CXXDeleteExpr *Delete) {
  std::optional<unsigned> H = Handles.find(Delete->getArgument());
  if (!H || Handles[*H].Through != TrackedHandle::Holder::RawPointer ||
      !namesPointer(*H, Delete->getArgument()))
    return;
  Observer.destroyed(ref(*H), Delete, S.Handles[*H], S.Guard);
  // The pointer dangles until it is given a new value.
  set(S, *H, HandleState::Unknown, Delete);
}

} // namespace clang::tidy::threadlife::handles
