//===--- InvalidJoinLifetimes.cpp - threadlife ----------------------------===//
//
// A class whose constructors start its thread member, except one that
// leaves it empty, and whose destructor joins it: an object that constructor
// makes is destroyed with a thread that was never started, and join()
// throws. The destructor is walked with that member empty on entry.
//
//===----------------------------------------------------------------------===//

#include "InvalidJoinCheck.h"
#include "utils/CalleeClosure.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

using FieldSet = llvm::SmallPtrSet<const FieldDecl *, 8>;

const CXXConstructorDecl *constructorHolding(const CXXRecordDecl &Record,
                                             const Expr &E) {
  for (const CXXConstructorDecl *Ctor : Record.ctors())
    if (const auto *Def =
            dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
        Def && Def->getSourceRange().fullyContains(E.getSourceRange()))
      return Def;
  return nullptr;
}

/// The members constructor \p Ctor sets: in its initializer list, or
/// assigned in its body.
void membersSetBy(const CXXConstructorDecl &Ctor, FieldSet &Out,
                  ASTContext &Ctx) {
  for (const CXXCtorInitializer *Init : Ctor.inits())
    if (Init->isWritten() && Init->getMember())
      Out.insert(Init->getMember());
  if (!Ctor.getBody())
    return;
  auto Own =
      memberExpr(hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())))
          .bind("member");
  auto Assigned = stmt(
      anyOf(binaryOperator(isAssignmentOperator(),
                           hasLHS(ignoringParenImpCasts(Own))),
            cxxOperatorCallExpr(isAssignmentOperator(),
                                hasArgument(0, ignoringParenImpCasts(Own)))));
  for (const BoundNodes &Node : match(findAll(Assigned), *Ctor.getBody(), Ctx))
    if (const auto *Field = dyn_cast<FieldDecl>(
            Node.getNodeAs<MemberExpr>("member")->getMemberDecl()))
      Out.insert(Field);
}

/// Whether the destructor's code (its body and the functions of the file it
/// calls) reads one of \p Fields: a flag set where the thread starts, which
/// may tell the destructor whether there is a thread to join.
bool readsAny(const CXXDestructorDecl &Dtor, const FieldSet &Fields,
              ASTContext &Ctx) {
  FunctionSet Code;
  addCalleeClosure(Dtor, /*Depth=*/2, Ctx.getSourceManager(), Code);
  for (const FunctionDecl *F : Code) {
    if (!F->getBody())
      continue;
    for (const BoundNodes &Node :
         match(findAll(memberExpr().bind("member")), *F->getBody(), Ctx))
      if (const auto *Field = dyn_cast<FieldDecl>(
              Node.getNodeAs<MemberExpr>("member")->getMemberDecl());
          Field && Fields.contains(Field))
        return true;
  }
  return false;
}

} // namespace

// A constructor that leaves \p Field empty, when every thread started into
// it is started by another constructor, nothing outside the class decides
// its fate, and the destructor cannot tell the two kinds of object apart.
const CXXConstructorDecl *
InvalidJoinCheck::emptyConstructor(const CXXRecordDecl *Record,
                                   const FieldDecl *Field) {
  const handles::MemberUses &Uses =
      analysis(*Ctx).members().uses(Record, Field);
  if (Uses.Escapes || Uses.Starts.empty())
    return nullptr;
  FieldSet SetWhereStarted;
  for (const Expr *Start : Uses.Starts) {
    const CXXConstructorDecl *Starter = constructorHolding(*Record, *Start);
    if (!Starter)
      return nullptr; // started later, by a method: any object may hold one
    membersSetBy(*Starter, SetWhereStarted, *Ctx);
  }
  SetWhereStarted.erase(Field);
  if (readsAny(*Record->getDestructor(), SetWhereStarted, *Ctx))
    return nullptr;
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    const auto *Def =
        dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
    if (!Def || Def->isImplicit() || Def->isCopyOrMoveConstructor() ||
        Def->isDeleted() || Def->isDelegatingConstructor())
      continue;
    if (llvm::none_of(Uses.Starts, [&](const Expr *Start) {
          return Def->getSourceRange().fullyContains(Start->getSourceRange());
        }))
      return Def;
  }
  return nullptr;
}

void InvalidJoinCheck::checkDestructor(const CXXDestructorDecl *Dtor) {
  const CXXRecordDecl *Record = Dtor->getParent();
  if (!Dtor->getBody() || Record->isDependentContext())
    return;
  for (const FieldDecl *Field : Record->fields()) {
    const model::ThreadClass *Class = api().threadClass(Field->getType());
    if (!Class || !Class->JoinThrowsUnlessJoinable)
      continue;
    const CXXConstructorDecl *Empty = emptyConstructor(Record, Field);
    if (!Empty)
      continue;
    handles::WalkOptions Walk;
    Walk.Locals = false;
    Walk.Members = true;
    Walk.MemberEntries[Field] = handles::HandleState::Empty;
    Walk.InlineMemberCalls = true;
    for (const BadJoin &Bad : badJoins(Dtor, Walk)) {
      if (Bad.Handle.Decl != Field ||
          Bad.Prior != handles::HandleState::Empty || Bad.PriorEvent ||
          !Reported.insert(Bad.Call).second)
        continue;
      report(Bad);
      diag(Empty->getLocation(),
           "an object this constructor makes holds no thread in %0, and its "
           "destructor joins it",
           DiagnosticIDs::Note)
          << Field;
    }
  }
}

} // namespace clang::tidy::threadlife
