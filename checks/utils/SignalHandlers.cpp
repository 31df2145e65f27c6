//===--- SignalHandlers.cpp - what a signal runs --------------------------===//

#include "utils/SignalHandlers.h"
#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

// The functions named in \p S: `sa.sa_handler = on_stop;` names on_stop.
void namedFunctions(const Stmt *S,
                    llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
      Out.push_back(F);
  for (const Stmt *Child : S->children())
    namedFunctions(Child, Out);
}

bool isHandlerField(const Expr *E) {
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  return Member && Member->getMemberDecl()->getIdentifier() &&
         llvm::is_contained(model::sigactionHandlerFields(),
                            Member->getMemberDecl()->getName());
}

// The variable at the root of `sa.__sigaction_handler.sa_handler` (glibc's
// sa_handler is a macro naming a union member).
const VarDecl *rootVar(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (const auto *Member = dyn_cast<MemberExpr>(E))
    E = Member->getBase()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

// The handlers a sigaction(sig, &sa, ...) call installs: what its function
// stores in sa's handler fields, or sa's initializer names.
void sigactionHandlers(const CallExpr &Call, const FunctionDecl &Caller,
                       llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                       ASTContext &Ctx) {
  const auto *Action = dyn_cast_or_null<VarDecl>(namedDecl(Call.getArg(1)));
  if (!Action || !Caller.getBody())
    return;
  namedFunctions(Action->getInit(), Out);
  for (const BoundNodes &Node :
       match(findAll(binaryOperator(isAssignmentOperator()).bind("store")),
             *Caller.getBody(), Ctx)) {
    const auto *Store = Node.getNodeAs<BinaryOperator>("store");
    if (isHandlerField(Store->getLHS()) && rootVar(Store->getLHS()) == Action)
      namedFunctions(Store->getRHS(), Out);
  }
}

// The escape in \p Handler's body or in a function of this file it calls
// (one call deep).
const CallExpr *escapeIn(const FunctionDecl &Handler, ASTContext &Ctx,
                         unsigned Depth) {
  const FunctionDecl *Definition = Handler.getDefinition();
  if (!Definition || !Definition->getBody() || Depth > 1)
    return nullptr;
  for (const BoundNodes &Node :
       match(findAll(callExpr().bind("call")), *Definition->getBody(), Ctx)) {
    const auto *Call = Node.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      continue;
    if (Callee->getIdentifier() &&
        llvm::is_contained(model::handlerEscapes(), Callee->getName()) &&
        Callee->getDeclContext()->getRedeclContext()->isTranslationUnit())
      return Call;
    if (const CallExpr *Inner = escapeIn(*Callee, Ctx, Depth + 1))
      return Inner;
  }
  return nullptr;
}

} // namespace

std::optional<HandlerEscape> escapingHandler(int64_t Signal, ASTContext &Ctx) {
  for (const BoundNodes &Node :
       match(translationUnitDecl(forEachDescendant(
                 callExpr(model::cApiCall(model::signalInstallers()),
                          forFunction(functionDecl().bind("caller")))
                     .bind("install"))),
             *Ctx.getTranslationUnitDecl(), Ctx)) {
    const auto *Install = Node.getNodeAs<CallExpr>("install");
    if (Install->getNumArgs() < 2 ||
        model::integerValue(Install->getArg(0), Ctx) != Signal)
      continue;
    llvm::SmallVector<const FunctionDecl *, 2> Handlers;
    if (Install->getArg(1)->getType()->isFunctionPointerType())
      namedFunctions(Install->getArg(1), Handlers);
    else
      sigactionHandlers(*Install, *Node.getNodeAs<FunctionDecl>("caller"),
                        Handlers, Ctx);
    for (const FunctionDecl *Handler : Handlers)
      if (const CallExpr *Escape = escapeIn(*Handler, Ctx, 0))
        return HandlerEscape{Handler, Escape};
  }
  return std::nullopt;
}

} // namespace clang::tidy::threadlife
