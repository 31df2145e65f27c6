//===--- UnjoinedThreadStored.cpp - threadlife ----------------------------===//
//
// unjoined-thread on handles a create call returns into storage that only
// this translation unit can reach: a private member of a class whose code is
// all here (`searchThread_ = CreateThread(...)`), a field of a struct defined
// in this file rather than a header (`stream->processingThread = ...`), or a
// static variable or array (`worker_threads[i] = SDL_CreateThread(...)`).
// When no code of the file waits for, closes or detaches it, nothing ever
// will.
//
//===----------------------------------------------------------------------===//

#include "UnjoinedThreadCheck.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

// The expression the value of \p E is stored into by an assignment, past
// parentheses and casts (`h = (HANDLE)_beginthreadex(...)`).
const Expr *storedInto(const Expr *E, ASTContext &Ctx) {
  const Stmt *Child = E;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    const auto *P = Parents.empty() ? nullptr : Parents[0].get<Expr>();
    if (isa_and_nonnull<ParenExpr, CastExpr>(P)) {
      Child = P;
      continue;
    }
    const auto *Assign = dyn_cast_or_null<BinaryOperator>(P);
    return Assign && Assign->getOpcode() == BO_Assign &&
                   Assign->getRHS()->IgnoreParenCasts() ==
                       cast<Expr>(Child)->IgnoreParenCasts()
               ? Assign->getLHS()
               : nullptr;
  }
}

// A class all of whose code is in this file: every method it declares is
// defined (or pure, or defaulted), and it has no friends.
bool allCodeVisible(const CXXRecordDecl &Record) {
  if (!Record.hasDefinition() || Record.hasFriends())
    return false;
  return llvm::all_of(Record.methods(), [](const CXXMethodDecl *M) {
    return M->isImplicit() || M->isDefaulted() || M->isDeleted() ||
           M->isPureVirtual() || M->getDefinition();
  });
}

// Whether only this file can name \p Field: a private field of a class whose
// code is all here, reached through `this`, or any field of a plain struct
// (no methods of its own) defined in the main file, whose definition no other
// file sees.
bool fileLocalField(const FieldDecl &Field, const MemberExpr &Member,
                    const SourceManager &SM) {
  const auto *Record = dyn_cast<CXXRecordDecl>(Field.getParent());
  const bool Plain =
      !Record || llvm::all_of(Record->methods(), [](const CXXMethodDecl *M) {
        return M->isImplicit();
      });
  if (Plain &&
      SM.isInMainFile(SM.getExpansionLoc(Field.getParent()->getLocation())))
    return true;
  return isThisObject(Member.getBase()) && Record &&
         Field.getAccess() == AS_private && allCodeVisible(*Record);
}

// The storage \p Target names if only this file can reach it: a field only
// this file can name, or a variable with internal linkage (an element of
// it too).
const ValueDecl *privateStorage(const Expr *Target, const SourceManager &SM) {
  Target = Target->IgnoreParenImpCasts();
  if (const auto *Element = dyn_cast<ArraySubscriptExpr>(Target))
    Target = Element->getBase()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Target)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    return Field && fileLocalField(*Field, *Member, SM) ? Field : nullptr;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(Target);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasGlobalStorage() && !Var->isExternallyVisible()
             ? Var
             : nullptr;
}

// Whether the use \p Use of the storage only stores into it, tests it or
// asks about the thread: the target of an assignment (an element's, or a new
// array's), a null test, a comparison, the handle of a call that neither
// waits, closes nor detaches (SetThreadPriority).
bool storesOrTests(const Expr *Use, const ThreadApi &Api, ASTContext &Ctx) {
  const Stmt *Child = Use;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    const auto *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (!P)
      return false;
    if (isa<ParenExpr, ImplicitCastExpr>(P) ||
        (isa<ArraySubscriptExpr>(P) &&
         cast<ArraySubscriptExpr>(P)->getBase()->IgnoreParenImpCasts() ==
             cast<Expr>(Child)->IgnoreParenImpCasts())) {
      Child = P;
      continue;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(P))
      return (Binary->getOpcode() == BO_Assign && Binary->getLHS() == Child) ||
             Binary->isEqualityOp() || Binary->isLogicalOp();
    if (const auto *Unary = dyn_cast<UnaryOperator>(P))
      return Unary->getOpcode() == UO_LNot;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const model::HandleFunction *HF = Api.handleFunction(Call);
      return HF && HF->Op == model::HandleOp::Inert &&
             Call->getNumArgs() > HF->HandleArg &&
             Call->getArg(HF->HandleArg)->IgnoreParenImpCasts() ==
                 cast<Expr>(Child)->IgnoreParenImpCasts();
    }
    return isa<IfStmt, WhileStmt, ConditionalOperator>(P);
  }
}

} // namespace

void UnjoinedThreadCheck::checkStoredCreate(const CallExpr *Create) {
  const Expr *Target = storedInto(Create, *Ctx);
  const ValueDecl *Storage =
      Target ? privateStorage(Target, Ctx->getSourceManager()) : nullptr;
  const model::HandleFunction *HF = api().handleFunction(Create);
  if (!Storage || !HF)
    return;
  auto Uses = match(
      traverse(TK_AsIs,
               translationUnitDecl(forEachDescendant(
                   expr(anyOf(declRefExpr(to(valueDecl(equalsNode(Storage)))),
                              memberExpr(member(equalsNode(Storage)))))
                       .bind("use")))),
      *Ctx);
  for (const BoundNodes &Node : Uses)
    if (!storesOrTests(Node.getNodeAs<Expr>("use"), api(), *Ctx))
      return;
  const model::CThreadApi &C = model::cThreadApi(HF->Library);
  diag(Create->getBeginLoc(),
       "the thread handle stored in %0 is never waited on, closed or "
       "detached in this file, and nothing else can reach it: the thread's "
       "resources leak; %1 or %2 it")
      << Storage << C.Join << C.Release;
}

} // namespace clang::tidy::threadlife
