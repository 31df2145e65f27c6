//===--- FlagUses.cpp - how a translation unit writes its flags -----------===//

#include "utils/FlagUses.h"
#include "model/ThreadModel.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::threadlife {

namespace {

class FlagUseFinder : public RecursiveASTVisitor<FlagUseFinder> {
public:
  FlagUseFinder(const llvm::SmallPtrSetImpl<const ValueDecl *> &Flags,
                const SourceManager &SM, FlagUses &Uses)
      : SM(&SM), Uses(Uses), Flags(Flags) {}

  bool shouldVisitLambdaBody() const { return true; }

  // Library headers do not write the project's flags; skipping them keeps
  // the walk to the project's own code.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM &&
        SM->isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor<FlagUseFinder>::TraverseDecl(D);
  }

  bool TraverseFunctionDecl(FunctionDecl *F) {
    return within(F, [&] {
      return RecursiveASTVisitor<FlagUseFinder>::TraverseFunctionDecl(F);
    });
  }
  bool TraverseCXXMethodDecl(CXXMethodDecl *F) {
    return within(F, [&] {
      return RecursiveASTVisitor<FlagUseFinder>::TraverseCXXMethodDecl(F);
    });
  }
  bool TraverseCXXConstructorDecl(CXXConstructorDecl *F) {
    return within(F, [&] {
      return RecursiveASTVisitor<FlagUseFinder>::TraverseCXXConstructorDecl(F);
    });
  }
  bool TraverseCXXDestructorDecl(CXXDestructorDecl *F) {
    return within(F, [&] {
      return RecursiveASTVisitor<FlagUseFinder>::TraverseCXXDestructorDecl(F);
    });
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    return within(L->getCallOperator(), [&] {
      return RecursiveASTVisitor<FlagUseFinder>::TraverseLambdaExpr(L);
    });
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      noteWrite(Op->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      noteWrite(Op->getSubExpr());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() > 0)
      noteWrite(Op->getArg(0));
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        llvm::is_contained(model::atomicStoreMethods(), Method->getName()) &&
        model::isClassOneOf(
            Call->getImplicitObjectArgument()->getType().getNonReferenceType(),
            model::atomicTypes()))
      noteWrite(Call->getImplicitObjectArgument());
    return true;
  }
  bool VisitAtomicExpr(AtomicExpr *E) {
    if (const ValueDecl *D = named(E->getPtr()))
      Uses.Atomic.insert(D);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    const bool AtomicApi =
        F && F->getIdentifier() &&
        llvm::any_of(model::atomicAccessPrefixes(), [&](llvm::StringRef P) {
          return F->getName().starts_with(P);
        });
    if (AtomicApi)
      for (const Expr *Arg : Call->arguments())
        if (const ValueDecl *D = named(Arg))
          Uses.Atomic.insert(D);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (model::isClassOneOf(Construct->getType(), model::atomicRefTypes()))
      for (const Expr *Arg : Construct->arguments())
        if (const ValueDecl *D = named(Arg))
          Uses.Atomic.insert(D);
    return true;
  }

private:
  template <class Fn> bool within(const FunctionDecl *F, Fn Traverse) {
    const FunctionDecl *Saved = Current;
    Current = F;
    bool Result = Traverse();
    Current = Saved;
    return Result;
  }

  const ValueDecl *named(const Expr *E) const {
    const ValueDecl *D = referencedDecl(E);
    return D && Flags.contains(D) ? D : nullptr;
  }

  void noteWrite(const Expr *E) {
    const Expr *Access = E->IgnoreParenImpCasts();
    if (!isa<DeclRefExpr, MemberExpr>(Access))
      return;
    // `worker.flag = true` from outside the class writes the member too.
    if (const ValueDecl *D = named(Access))
      Uses.Writes.push_back({D, {Access, Current}});
  }

  const SourceManager *SM;
  FlagUses &Uses;
  const llvm::SmallPtrSetImpl<const ValueDecl *> &Flags;
  const FunctionDecl *Current = nullptr;
};

} // namespace

FlagUses findFlagUses(ASTContext &Ctx,
                      const llvm::SmallPtrSetImpl<const ValueDecl *> &Flags) {
  FlagUses Uses;
  FlagUseFinder(Flags, Ctx.getSourceManager(), Uses)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
  return Uses;
}

} // namespace clang::tidy::threadlife
