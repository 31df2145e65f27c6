//===--- Loops.cpp - what a loop is made of and whether it ends -----------===//

#include "utils/Loops.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::threadlife {

const Expr *loopCondition(const Stmt &Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getCond();
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getCond();
  return nullptr;
}

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  return nullptr;
}

bool isLoop(const Stmt *S) {
  return isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S);
}

llvm::SmallVector<const Stmt *, 2>
enclosingLoops(const Stmt &S, ASTContext &Ctx, const Stmt *Within) {
  llvm::SmallVector<const Stmt *, 2> Loops;
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty()) {
    const DynTypedNode &Node = Parents[0];
    // A declaration other than a local variable is the function's edge.
    if (Node.get<LambdaExpr>() || (Node.get<Decl>() && !Node.get<VarDecl>()))
      break;
    const auto *Parent = Node.get<Stmt>();
    if (Parent && Parent == Within)
      break;
    if (Parent && isLoop(Parent))
      Loops.push_back(Parent);
    Parents = Ctx.getParents(Node);
  }
  return Loops;
}

namespace {
/// Whether the lambda around \p Owner captures \p Var by reference: the
/// function that started the thread can then change it.
bool capturedByReference(const VarDecl *Var, const FunctionDecl &Owner) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Owner);
  if (!Method || !Method->getParent()->isLambda())
    return false;
  for (const LambdaCapture &Capture : Method->getParent()->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == Var)
      return Capture.getCaptureKind() == LCK_ByRef;
  return false;
}

/// Whether \p Cond reads only locals that nothing changes: then its value is
/// the same on every iteration.
bool conditionNeverChanges(const Expr *Cond, const FunctionDecl &Owner,
                           ASTContext &Ctx) {
  Cond = Cond->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CharacterLiteral,
          FloatingLiteral>(Cond))
    return true;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Cond))
    return !Unary->isIncrementDecrementOp() && Unary->getOpcode() != UO_Deref &&
           conditionNeverChanges(Unary->getSubExpr(), Owner, Ctx);
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond))
    return !Binary->isAssignmentOp() && !Binary->isCommaOp() &&
           conditionNeverChanges(Binary->getLHS(), Owner, Ctx) &&
           conditionNeverChanges(Binary->getRHS(), Owner, Ctx);
  const auto *Ref = dyn_cast<DeclRefExpr>(Cond);
  if (!Ref)
    return false;
  if (isa<EnumConstantDecl>(Ref->getDecl()))
    return true;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
      Var->getType().isVolatileQualified() || !Var->getType()->isScalarType() ||
      capturedByReference(Var, Owner))
    return false;
  // A local whose address is taken or that is written anywhere in the
  // function (a nested lambda, the loop) may change.
  return Owner.getBody() &&
         !ExprMutationAnalyzer(*Owner.getBody(), Ctx).isMutated(Var);
}

/// Whether \p S contains a way out of the loop it is in. \p InBreakable is
/// true inside a nested loop or switch, where `break` stays inside.
bool hasExit(const Stmt *S, bool InBreakable) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<BreakStmt>(S))
    return !InBreakable;
  if (isa<ReturnStmt, CoreturnStmt, GotoStmt, IndirectGotoStmt, CXXThrowExpr,
          CoawaitExpr, CoyieldExpr>(S))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = Call->getDirectCallee())
      if (F->isNoReturn())
        return true;
  const bool Nested = InBreakable || isLoop(S) || isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (hasExit(Child, Nested))
      return true;
  return false;
}

void collectLoops(const Stmt *S, std::vector<const Stmt *> &Loops) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (isLoop(S))
    Loops.push_back(S);
  for (const Stmt *Child : S->children())
    collectLoops(Child, Loops);
}
// Whether \p S jumps out of the loop whose body it is in, itself: a jump
// inside a nested loop or switch belongs to that one. (Narrower than hasExit:
// it picks the conditions written to end this loop.)
bool exitsLoop(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<BreakStmt, ReturnStmt, GotoStmt>(S))
    return true;
  if (isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt, SwitchStmt>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (exitsLoop(Child))
      return true;
  return false;
}

void collectDeciders(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Out) {
  if (!S || isa<LambdaExpr>(S) ||
      isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(S))
    return;
  if (const auto *If = dyn_cast<IfStmt>(S))
    if (exitsLoop(If->getThen()) || exitsLoop(If->getElse()))
      Out.push_back(If->getCond());
  for (const Stmt *Child : S->children())
    collectDeciders(Child, Out);
}

} // namespace

bool loopCanEnd(const Stmt &Loop, const FunctionDecl &Owner, ASTContext &Ctx) {
  if (isa<CXXForRangeStmt>(Loop))
    return true;
  if (const Expr *Cond = loopCondition(Loop)) {
    if (Cond->isValueDependent() || Cond->isTypeDependent())
      return true;
    bool Value = false;
    if (Cond->EvaluateAsBooleanCondition(Value, Ctx)) {
      if (!Value)
        return true;
    } else if (!conditionNeverChanges(Cond, Owner, Ctx)) {
      return true;
    }
  }
  return hasExit(loopBody(Loop), false);
}

std::vector<const Stmt *> loopsOf(const Stmt &Body) {
  std::vector<const Stmt *> Loops;
  collectLoops(&Body, Loops);
  return Loops;
}

llvm::SmallVector<const Stmt *, 4> loopDeciders(const Stmt &Loop) {
  llvm::SmallVector<const Stmt *, 4> Deciders;
  if (const Expr *Cond = loopCondition(Loop))
    Deciders.push_back(Cond);
  if (!isa<CXXForRangeStmt>(Loop))
    collectDeciders(loopBody(Loop), Deciders);
  return Deciders;
}

} // namespace clang::tidy::threadlife
