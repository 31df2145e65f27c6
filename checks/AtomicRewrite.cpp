//===--- AtomicRewrite.cpp - make a flag std::atomic, safely --------------===//

#include "AtomicRewrite.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::threadlife {

namespace {
/// Every expression that names the flag, and whether a lambda copies it.
class FlagReferences : public RecursiveASTVisitor<FlagReferences> {
public:
  FlagReferences(const ValueDecl &Flag, const SourceManager &SM)
      : Flag(Flag), SM(SM) {}

  bool shouldVisitLambdaBody() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true; // library code does not name the project's flags
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() == &Flag)
      Uses.push_back(E);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (E->getMemberDecl() == &Flag)
      Uses.push_back(E);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *L) {
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCapturedVar() == &Flag &&
          C.getCaptureKind() == LCK_ByCopy)
        CopiedByLambda = true;
    return true;
  }

  std::vector<const Expr *> Uses;
  bool CopiedByLambda = false;

private:
  const ValueDecl &Flag;
  const SourceManager &SM;
};

const DynTypedNode *onlyParent(const DynTypedNodeList &Parents) {
  return Parents.size() == 1 ? &Parents[0] : nullptr;
}

bool isDeduced(QualType T) {
  return !T.isNull() && T->getContainedDeducedType();
}

/// Whether the function whose body holds \p S deduces its return type.
bool returnsDeduced(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (const DynTypedNode *P = onlyParent(Parents)) {
    if (const auto *Lambda = P->get<LambdaExpr>())
      return !Lambda->hasExplicitResultType();
    // A lambda's operator() may show its deduced type (C++11): ask the
    // lambda, further up.
    if (const auto *F = P->get<FunctionDecl>())
      if (const auto *M = dyn_cast<CXXMethodDecl>(F);
          !M || !M->getParent()->isLambda())
        return isDeduced(F->getDeclaredReturnType());
    Parents = Ctx.getParents(*P);
  }
  return true; // not known: assume the worst
}

/// Whether argument \p Index of a call to \p Callee takes a std::atomic
/// through an implicit conversion: a declared, non-template parameter.
bool convertsArgument(const FunctionDecl *Callee, unsigned Index) {
  if (!Callee)
    return false;
  const FunctionDecl *Pattern = Callee->getTemplateInstantiationPattern();
  if (!Pattern)
    Pattern = Callee;
  return Index < Pattern->getNumParams() &&
         !Pattern->getParamDecl(Index)->getType()->isDependentType() &&
         !Pattern->getParamDecl(Index)->getType()->isReferenceType();
}

unsigned argumentIndex(const CallExpr &Call, const Expr &Arg) {
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (Call.getArg(I) == &Arg)
      return I;
  return Call.getNumArgs();
}

/// Whether the value read from the flag (the conversion \p Read) is used
/// where `operator T()` of std::atomic still gives it.
bool valueUseSurvives(const Expr &Read, ASTContext &Ctx) {
  const Stmt *E = &Read;
  const DynTypedNode *P = onlyParent(Ctx.getParents(*E));
  // The conversions after the read are re-derived for the new type.
  while (P && (P->get<ImplicitCastExpr>() || P->get<ParenExpr>())) {
    E = P->get<Expr>();
    P = onlyParent(Ctx.getParents(*E));
  }
  if (!P)
    return false;
  if (P->get<IfStmt>() || P->get<WhileStmt>() || P->get<DoStmt>() ||
      P->get<ForStmt>() || P->get<SwitchStmt>() || P->get<UnaryOperator>() ||
      P->get<ExplicitCastExpr>() || P->get<ArraySubscriptExpr>())
    return true;
  if (const auto *Cond = P->get<ConditionalOperator>())
    return Cond->getCond() == E; // an arm would have two candidate types
  if (const auto *Op = P->get<BinaryOperator>())
    return !Op->isAssignmentOp() || Op->getRHS() == E;
  if (const auto *Var = P->get<VarDecl>())
    return !isDeduced(Var->getType());
  if (const auto *List = P->get<InitListExpr>()) {
    const DynTypedNode *Owner = onlyParent(Ctx.getParents(*List));
    const auto *Var = Owner ? Owner->get<VarDecl>() : nullptr;
    return !Var || !isDeduced(Var->getType());
  }
  if (const auto *Ret = P->get<ReturnStmt>())
    return !returnsDeduced(*Ret, Ctx);
  if (const auto *Call = P->get<CallExpr>()) {
    unsigned Index = argumentIndex(*Call, *cast<Expr>(E));
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isa<CXXOperatorCallExpr>(Call) &&
        isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (Index == 0)
        return false; // the object of a member operator
      --Index;
    }
    return convertsArgument(Callee, Index);
  }
  if (const auto *Construct = P->get<CXXConstructExpr>()) {
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (Construct->getArg(I) == E)
        return convertsArgument(Construct->getConstructor(), I);
    return false;
  }
  return false;
}

/// Whether a use of the flag (an lvalue of type \p T) compiles when the flag
/// is a std::atomic<T>.
bool useSurvives(const Expr &Use, QualType T, ASTContext &Ctx) {
  const Stmt *E = &Use;
  const DynTypedNode *P = onlyParent(Ctx.getParents(*E));
  while (P && P->get<ParenExpr>()) {
    E = P->get<Expr>();
    P = onlyParent(Ctx.getParents(*E));
  }
  if (!P)
    return false;
  if (const auto *Cast = P->get<ImplicitCastExpr>())
    return Cast->getCastKind() == CK_LValueToRValue &&
           valueUseSurvives(*Cast, Ctx);
  const bool Arithmetic =
      T->isIntegerType() && !T->isBooleanType() && !T->isEnumeralType();
  if (const auto *Op = P->get<BinaryOperator>()) {
    switch (Op->getOpcode()) {
    case BO_Assign:
    case BO_Comma:
      return true;
    case BO_AddAssign:
    case BO_SubAssign:
    case BO_AndAssign:
    case BO_OrAssign:
    case BO_XorAssign:
      return Arithmetic && Op->getLHS() == E;
    default:
      return false;
    }
  }
  if (const auto *Op = P->get<UnaryOperator>())
    return Op->isIncrementDecrementOp() && Arithmetic;
  return P->get<UnaryExprOrTypeTraitExpr>() != nullptr; // sizeof
}

/// Whether \p Flag shares its declaration with another variable
/// (`bool a = true, b = false;`): the type edit would change both.
bool sharesDeclaration(const DeclaratorDecl &Flag, ASTContext &Ctx) {
  if (const auto *Var = dyn_cast<VarDecl>(&Flag);
      Var && Var->isLocalVarDecl()) {
    const DynTypedNode *P = onlyParent(Ctx.getParents(*Var));
    const auto *Stmt = P ? P->get<DeclStmt>() : nullptr;
    return !Stmt || !Stmt->isSingleDecl();
  }
  for (const Decl *Other : Flag.getDeclContext()->decls())
    if (Other != &Flag && isa<DeclaratorDecl>(Other) &&
        Other->getBeginLoc() == Flag.getBeginLoc())
      return true;
  return false;
}

/// Whether the program copies or moves a \p Record through its implicit
/// members, which a std::atomic member deletes.
bool copiedImplicitly(const CXXRecordDecl &Record) {
  return llvm::any_of(Record.methods(), [](const CXXMethodDecl *M) {
    const auto *Constructor = dyn_cast<CXXConstructorDecl>(M);
    return M->isImplicit() && M->isUsed() &&
           (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator() ||
            (Constructor && Constructor->isCopyOrMoveConstructor()));
  });
}

bool declarationIsEditable(const DeclaratorDecl &Flag, ASTContext &Ctx) {
  if (Flag.getDeclContext()->isDependentContext())
    return false;
  if (const auto *Field = dyn_cast<FieldDecl>(&Flag)) {
    if (Field->isBitField())
      return false;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
        Record && copiedImplicitly(*Record))
      return false;
  }
  if (const auto *Var = dyn_cast<VarDecl>(&Flag)) {
    if (Var->getPreviousDecl() || Var->getMostRecentDecl() != Var)
      return false; // declared again, here or in another file
    if (!Var->isLocalVarDecl() && Var->hasExternalFormalLinkage())
      return false; // another file may declare it `extern`
  }
  return !sharesDeclaration(Flag, Ctx);
}

/// `= init` as `{init}`, for standards before C++17, where copy-initializing
/// a std::atomic needs its deleted copy constructor. Only when the
/// initializer already has the flag's type: braces refuse narrowing.
std::optional<FixItHint> braceInitializer(const DeclaratorDecl &Flag,
                                          const Expr &Init, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!Ctx.hasSameUnqualifiedType(Init.IgnoreImpCasts()->getType(),
                                  Flag.getType()))
    return std::nullopt;
  std::optional<Token> Equal = Lexer::findNextToken(Flag.getLocation(), SM, LO);
  if (!Equal || Equal->isNot(tok::equal) || Init.getBeginLoc().isMacroID() ||
      Init.getEndLoc().isMacroID())
    return std::nullopt;
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Init.getSourceRange()), SM, LO);
  if (Text.empty())
    return std::nullopt;
  // From the end of the name, so that `flag = true` becomes `flag{true}`.
  return FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(
          Lexer::getLocForEndOfToken(Flag.getLocation(), 0, SM, LO),
          Lexer::getLocForEndOfToken(Init.getEndLoc(), 0, SM, LO)),
      ("{" + Text + "}").str());
}

/// The initializer's edit, if the standard needs one; false if the
/// declaration cannot be kept compiling.
bool initializerFix(const DeclaratorDecl &Flag, ASTContext &Ctx,
                    std::vector<FixItHint> &Fix) {
  const Expr *Init = nullptr;
  bool CopyInit = false;
  if (const auto *Var = dyn_cast<VarDecl>(&Flag)) {
    Init = Var->getInit();
    CopyInit = Var->getInitStyle() == VarDecl::CInit;
  } else if (const auto *Field = dyn_cast<FieldDecl>(&Flag)) {
    Init = Field->getInClassInitializer();
    CopyInit = Field->getInClassInitStyle() == ICIS_CopyInit;
  }
  if (!Init || !CopyInit)
    return true;
  if (std::optional<FixItHint> Braces = braceInitializer(Flag, *Init, Ctx)) {
    Fix.push_back(*Braces);
    return true;
  }
  // C++17 elides the copy; before it, only braces would do.
  return Ctx.getLangOpts().CPlusPlus17;
}
} // namespace

std::vector<FixItHint> atomicFlagFix(const DeclaratorDecl &Flag,
                                     CharSourceRange TypeRange,
                                     llvm::StringRef Atomic, ASTContext &Ctx) {
  if (!declarationIsEditable(Flag, Ctx))
    return {};
  FlagReferences References(Flag, Ctx.getSourceManager());
  References.TraverseDecl(Ctx.getTranslationUnitDecl());
  if (References.CopiedByLambda)
    return {};
  for (const Expr *Use : References.Uses)
    if (!useSurvives(*Use, Flag.getType(), Ctx))
      return {};
  std::vector<FixItHint> Fix{FixItHint::CreateReplacement(TypeRange, Atomic)};
  if (!initializerFix(Flag, Ctx, Fix))
    return {};
  return Fix;
}

} // namespace clang::tidy::threadlife
