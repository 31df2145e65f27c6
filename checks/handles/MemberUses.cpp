//===--- MemberUses.cpp - how a class uses its handle members -------------===//

#include "handles/MemberUses.h"
#include "utils/CalleeClosure.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "utils/ParentWalks.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

using namespace ast_matchers;

void MemberUseIndex::index() {
  Index.emplace();
  for (const BoundNodes &Node : match(
           traverse(TK_AsIs,
                    translationUnitDecl(forEachDescendant(
                        memberExpr(member(fieldDecl(holdsThreadObjects(&Api))))
                            .bind("use")))),
           *Ctx.getTranslationUnitDecl(), Ctx)) {
    const auto *Use = Node.getNodeAs<MemberExpr>("use");
    (*Index)[cast<FieldDecl>(Use->getMemberDecl())].push_back(Use);
  }
}

const MemberUses &MemberUseIndex::uses(const CXXRecordDecl *Record,
                                       const FieldDecl *Field) {
  auto It = Uses.find(Field);
  if (It == Uses.end())
    It = Uses.try_emplace(Field, collect(Record, Field)).first;
  return It->second;
}

// Code of \p Record: its methods, and lambdas written in them.
bool MemberUseIndex::isOwnCode(const Stmt *Use,
                               const CXXRecordDecl *Record) const {
  const FunctionDecl *FD = enclosingFunction(*Use, Ctx);
  while (FD) {
    const auto *Method = dyn_cast<CXXMethodDecl>(FD);
    if (!Method)
      return false;
    if (Method->getParent() == Record)
      return true;
    if (!Method->getParent()->isLambda())
      return false;
    FD = dyn_cast_or_null<FunctionDecl>(
        Method->getParent()->getParent()->getNonClosureAncestor());
  }
  return false;
}

void MemberUseIndex::constructorStarts(const CXXRecordDecl *Record,
                                       const FieldDecl *Field,
                                       MemberUses &Uses) const {
  auto StartOf = [&](const Expr *Init) -> const Expr * {
    if (const CXXConstructExpr *Start = Api.threadStart(Init))
      return Start;
    return Api.pointerStart(Init);
  };
  if (Field->hasInClassInitializer())
    if (const Expr *Start = StartOf(Field->getInClassInitializer()))
      Uses.Starts.push_back(Start);
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    const auto *Definition =
        dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
    if (!Definition)
      continue;
    for (const CXXCtorInitializer *Init : Definition->inits())
      if (Init->getMember() == Field && Init->isWritten())
        if (const Expr *Start = StartOf(Init->getInit()))
          Uses.Starts.push_back(Start);
  }
}

// `member.method(...)`.
void MemberUseIndex::methodUse(const MemberExpr *Use, const Stmt *Method,
                               bool Own, bool IsContainer,
                               const model::ThreadClass &Class,
                               MemberUses &Uses) const {
  const auto *Call =
      dyn_cast_or_null<CXXMemberCallExpr>(parentIgnoringWrappers(*Method, Ctx));
  const auto *Callee =
      Call ? dyn_cast_or_null<CXXMethodDecl>(Call->getMethodDecl()) : nullptr;
  llvm::StringRef Name =
      Callee && Callee->getIdentifier() ? Callee->getName() : "";
  if (IsContainer) {
    if (llvm::is_contained(model::containerFillMethods(), Name)) {
      if (Own)
        Uses.Starts.push_back(Call);
    } else if (!llvm::is_contained(model::containerInertMethods(), Name) &&
               !(Callee && Callee->isConst())) {
      Uses.Escapes = true;
    }
    return;
  }
  if (llvm::is_contained(Class.JoinMethods, Name) ||
      llvm::is_contained(Class.DetachMethods, Name)) {
    if (Own)
      Uses.Joins.push_back(Call);
    else
      Uses.Escapes = true;
    return;
  }
  if (llvm::is_contained(Class.StartMethods, Name)) {
    if (Own)
      Uses.Starts.push_back(Call);
    return;
  }
  if (Name != model::swapMethod() &&
      (llvm::is_contained(Class.JoinableQueries, Name) ||
       llvm::is_contained(Class.InertMethods, Name) ||
       (Callee && Callee->isConst())))
    return;
  Uses.Escapes = true;
}

// `for (auto &t : threads_)`: the member initialises the loop's range
// variable, a Decl, whose DeclStmt is the loop's range statement.
bool MemberUseIndex::iteratedByRangeFor(const MemberExpr &Use) const {
  const auto *Range = parentNodeIgnoringWrappers(Use, Ctx).get<VarDecl>();
  if (!Range)
    return false;
  DynTypedNodeList Decl = Ctx.getParents(*Range);
  const auto *Stmt = Decl.empty() ? nullptr : Decl[0].get<DeclStmt>();
  if (!Stmt)
    return false;
  DynTypedNodeList Loop = Ctx.getParents(*Stmt);
  const auto *For = Loop.empty() ? nullptr : Loop[0].get<CXXForRangeStmt>();
  return For && For->getRangeStmt() == Stmt;
}

// Uses that only read the member: iterating over a container, passing it
// by const reference.
bool MemberUseIndex::inertUse(const MemberExpr *Use, const Stmt *P,
                              bool IsContainer) const {
  if (IsContainer && P &&
      (isa<ArraySubscriptExpr>(P) ||
       (isa<CXXOperatorCallExpr>(P) &&
        cast<CXXOperatorCallExpr>(P)->getOperator() == OO_Subscript)))
    return true;
  if (IsContainer && !P && iteratedByRangeFor(*Use))
    return true;
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (skipWrappers(Call->getArg(I)) == Use && I < Callee->getNumParams()) {
      QualType Param = Callee->getParamDecl(I)->getType();
      if (Param->isReferenceType() &&
          Param.getNonReferenceType().isConstQualified())
        return true;
    }
  return false;
}

// A use of a member that holds a thread object through a pointer: a start
// (`p = new std::thread(f)`, `p.reset(...)`, `p = std::make_unique<...>`),
// a null test, a delete, or a call through it. Returns whether it was one.
bool MemberUseIndex::pointerUse(const MemberExpr *Use, const Stmt *P, bool Own,
                                const model::ThreadClass &Class,
                                MemberUses &Uses) const {
  auto Start = [&](const Expr *Value) {
    if (const Expr *S = Api.pointerStart(Value)) {
      if (Own)
        Uses.Starts.push_back(S);
    } else if (!isZeroLiteral(skipWrappers(Value))) {
      Uses.Escapes = true;
    }
    return true;
  };
  if (const auto *Deref = dyn_cast_or_null<Expr>(P);
      Deref && skipDereference(Deref) == Use) {
    if (const auto *Method =
            dyn_cast_or_null<MemberExpr>(parentIgnoringWrappers(*Deref, Ctx)))
      methodUse(Use, Method, Own, /*IsContainer=*/false, Class, Uses);
    else
      Uses.Escapes = true;
    return true;
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(P);
      Member && Member->isArrow()) {
    methodUse(Use, Member, Own, /*IsContainer=*/false, Class, Uses);
    return true;
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(P)) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(
        parentIgnoringWrappers(*Member, Ctx));
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (Method && Method->getIdentifier() &&
        Method->getName() == model::pointerResetMethod())
      return Call->getNumArgs() ? Start(Call->getArg(0)) : true;
    if (!Method || !Method->isConst())
      Uses.Escapes = true;
    return true;
  }
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(P);
      Assign && Assign->getOpcode() == BO_Assign &&
      skipWrappers(Assign->getLHS()) == Use)
    return Start(Assign->getRHS());
  if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(P);
      Assign && Assign->getOperator() == OO_Equal &&
      Assign->getNumArgs() == 2 && skipWrappers(Assign->getArg(0)) == Use)
    return Start(Assign->getArg(1));
  if (isa_and_nonnull<CXXDeleteExpr>(P)) {
    Uses.Escapes |= !Own;
    return true;
  }
  // Null tests.
  return isa_and_nonnull<IfStmt, WhileStmt, ConditionalOperator>(P) ||
         (isa_and_nonnull<BinaryOperator>(P) &&
          (cast<BinaryOperator>(P)->isLogicalOp() ||
           cast<BinaryOperator>(P)->isEqualityOp())) ||
         (isa_and_nonnull<UnaryOperator>(P) &&
          cast<UnaryOperator>(P)->getOpcode() == UO_LNot) ||
         (isa_and_nonnull<CXXOperatorCallExpr>(P) &&
          (cast<CXXOperatorCallExpr>(P)->getOperator() == OO_EqualEqual ||
           cast<CXXOperatorCallExpr>(P)->getOperator() == OO_ExclaimEqual));
}

MemberUses MemberUseIndex::collect(const CXXRecordDecl *Record,
                                   const FieldDecl *Field) {
  MemberUses Uses;
  const bool IsContainer = Api.elementClass(Field->getType()) != nullptr;
  bool Owning = false;
  const model::ThreadClass *Pointee =
      IsContainer ? nullptr : Api.pointeeClass(Field->getType(), Owning);
  const model::ThreadClass *Class =
      IsContainer ? Api.elementClass(Field->getType())
      : Pointee   ? Pointee
                  : Api.threadClass(Field->getType());
  if (!Class)
    return Uses;
  constructorStarts(Record, Field, Uses);
  if (!Index)
    index();
  for (const MemberExpr *Use : Index->lookup(Field)) {
    const bool Own = isOwnCode(Use, Record);
    const Stmt *P = parentIgnoringWrappers(*Use, Ctx);
    if (Pointee) {
      if (!pointerUse(Use, P, Own, *Class, Uses))
        Uses.Escapes = true;
      continue;
    }
    if (const auto *Method = dyn_cast_or_null<MemberExpr>(P)) {
      methodUse(Use, Method, Own, IsContainer, *Class, Uses);
      continue;
    }
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(P);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2 && skipWrappers(Assign->getArg(0)) == Use) {
      const Expr *Rhs = skipWrappers(Assign->getArg(1));
      if (const CXXConstructExpr *Start = Api.threadStart(Rhs)) {
        if (Own)
          Uses.Starts.push_back(Start);
      } else if ((movedFrom(Rhs) || isa<CallExpr>(Rhs)) && Own) {
        Uses.Starts.push_back(Assign);
      }
      continue;
    }
    if (!inertUse(Use, P, IsContainer))
      Uses.Escapes = true;
  }
  return Uses;
}

// The field of \p Record that \p E names through `this`.
static const FieldDecl *ownField(const Expr *E, const CXXRecordDecl *Record) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(skipWrappers(E));
  if (!Member || !isThisObject(Member->getBase()))
    return nullptr;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  return Field && Field->getParent() == Record ? Field : nullptr;
}

// The member \p S writes (assigns, increments, calls a non-const method of).
static const FieldDecl *writtenField(const Stmt *S,
                                     const CXXRecordDecl *Record) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(S);
      Binary && Binary->isAssignmentOp())
    return ownField(Binary->getLHS(), Record);
  if (const auto *Unary = dyn_cast<UnaryOperator>(S);
      Unary && Unary->isIncrementDecrementOp())
    return ownField(Unary->getSubExpr(), Record);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
      Op && Op->isAssignmentOp())
    return ownField(Op->getArg(0), Record);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && !Method->isConst())
      return ownField(Call->getImplicitObjectArgument(), Record);
  return nullptr;
}

llvm::SmallPtrSet<const FieldDecl *, 4>
MemberUseIndex::writtenByThreads(const CXXRecordDecl *Record,
                                 llvm::ArrayRef<const Expr *> Starts) const {
  // The code the threads run: their callable (a lambda, &Record::run, or
  // either inside a bind) and the member functions it calls on `this`.
  auto OnThis = [](const CallExpr &Call) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    return Member && isThisObject(Member->getImplicitObjectArgument());
  };
  const SourceManager &SM = Ctx.getSourceManager();
  FunctionSet Code;
  for (const Expr *Start : Starts) {
    llvm::SmallVector<const Stmt *, 8> Find = {Api.callableOf(Start)};
    while (!Find.empty()) {
      const Stmt *S = Find.pop_back_val();
      if (!S)
        continue;
      if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
        addCalleeClosure(*Lambda->getCallOperator(), 3, SM, Code, OnThis);
        continue;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Ref->getDecl()))
          addCalleeClosure(*Method, 3, SM, Code, OnThis);
      for (const Stmt *Child : S->children())
        Find.push_back(Child);
    }
  }
  llvm::SmallPtrSet<const FieldDecl *, 4> Written;
  for (const FunctionDecl *F : Code) {
    llvm::SmallVector<const Stmt *, 32> Work = {F->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const FieldDecl *Target = writtenField(S, Record))
        Written.insert(Target);
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }
  return Written;
}

} // namespace clang::tidy::threadlife::handles
