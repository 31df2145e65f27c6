//===--- HandleStateAnalysis.cpp - what happens to thread handles ---------===//

#include "HandleStateAnalysis.h"
#include "utils/Expressions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife {

llvm::StringRef describe(HandleState State) {
  switch (State) {
  case HandleState::Empty:
    return "never started";
  case HandleState::Joined:
    return "already joined";
  case HandleState::Detached:
    return "already detached";
  case HandleState::MovedFrom:
    return "moved from";
  case HandleState::Running:
    return "running";
  case HandleState::Unborn:
  case HandleState::Unknown:
    break;
  }
  return "unknown";
}

//===--- Reading the code -------------------------------------------------===//

const ValueDecl *HandleStateAnalysis::namedHandle(const Expr *E) {
  E = skipWrappers(E);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf)
    E = skipWrappers(Unary->getSubExpr());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return Member->getMemberDecl();
  return nullptr;
}

const Expr *HandleStateAnalysis::movedFrom(const Expr *Arg) {
  Arg = skipWrappers(Arg);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Arg)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Call->getNumArgs() == 1 &&
        ThreadApi::isNamed(Callee, {"::std::move"}))
      return Call->getArg(0);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast_or_null<CXXStaticCastExpr>(Arg))
    if (Cast->getType()->isRValueReferenceType())
      return Cast->getSubExpr();
  return nullptr;
}

// The container whose element \p E is: `ts[i]`, `ts.at(i)`, `ts.back()`.
static const ValueDecl *elementOf(const Expr *E) {
  E = skipWrappers(E);
  if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
    return HandleStateAnalysis::namedHandle(Subscript->getBase());
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return HandleStateAnalysis::namedHandle(Op->getArg(0));
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (const auto *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained({"at", "back", "front"}, Method->getName()))
      return HandleStateAnalysis::namedHandle(
          Call->getImplicitObjectArgument());
  return nullptr;
}

static bool isThisObject(const Expr *E) {
  return E && isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

//===--- What one function looks like ------------------------------------===//

struct HandleStateAnalysis::FunctionData {
  const FunctionDecl *Function = nullptr;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> Parents;
  /// Loops that join or detach every element of a container.
  std::vector<std::pair<const Stmt *, const ValueDecl *>> JoinLoops;
  /// The statement whose end ends each local's life.
  llvm::DenseMap<const VarDecl *, const Stmt *> Scopes;
  /// Locals whose address is taken or that a lambda captures by reference:
  /// their values cannot be followed.
  llvm::SmallPtrSet<const VarDecl *, 8> Aliased;
  /// pthread_t locals (and arrays) whose address pthread_create fills, and
  /// locals assigned a Win32 thread handle.
  llvm::SmallPtrSet<const VarDecl *, 4> PosixHandles;
  llvm::SmallPtrSet<const VarDecl *, 4> Win32Handles;
  /// pthread attributes set to create threads detached (true) or joinable.
  llvm::DenseMap<const VarDecl *, bool> DetachAttrs;
  std::vector<const VarDecl *> Locals;
  /// The body holds code clang could not make sense of (a missing header):
  /// what it does to handles is unknown.
  bool HasErrors = false;
};

namespace {

// Collects what FunctionData needs in one pass over the body.
class BodyScanner : public RecursiveASTVisitor<BodyScanner> {
public:
  BodyScanner(HandleStateAnalysis::FunctionData &D, const ThreadApi &Api,
              ASTContext &Ctx, const Preprocessor *PP)
      : D(D), Api(Api), Ctx(Ctx), PP(PP) {}

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          D.Aliased.insert(Var);
    // A lambda's body runs elsewhere (or later): not part of this CFG.
    for (Expr *Init : Lambda->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }

  bool VisitDeclStmt(DeclStmt *S) {
    for (Decl *Decl : S->decls())
      if (auto *Var = dyn_cast<VarDecl>(Decl)) {
        if (const Stmt *Scope = D.Parents->getParent(S))
          D.Scopes[Var] = Scope;
        if (Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
          D.Locals.push_back(Var);
        if (Var->getInit() && isWin32Create(Var->getInit()))
          D.Win32Handles.insert(Var);
      }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->getOpcode() == UO_AddrOf)
      if (const auto *Var = dyn_cast_or_null<VarDecl>(
              HandleStateAnalysis::namedHandle(Op->getSubExpr())))
        D.Aliased.insert(Var);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign && isWin32Create(Op->getRHS()))
      if (const auto *Var = dyn_cast_or_null<VarDecl>(
              HandleStateAnalysis::namedHandle(Op->getLHS())))
        D.Win32Handles.insert(Var);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    // Passing a local by non-const reference lets the callee change it.
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      for (unsigned I = 0,
                    N = std::min(Call->getNumArgs(), Callee->getNumParams());
           I < N; ++I) {
        QualType Param = Callee->getParamDecl(I)->getType();
        if (Param->isReferenceType() &&
            !Param.getNonReferenceType().isConstQualified())
          if (const auto *Var = dyn_cast_or_null<VarDecl>(
                  HandleStateAnalysis::namedHandle(Call->getArg(I))))
            D.Aliased.insert(Var);
      }
    const model::HandleFunction *F = Api.handleFunction(Call);
    if (F && F->Op == model::HandleOp::CreateIntoArg) {
      const Expr *Arg = skipWrappers(Call->getArg(F->HandleArg));
      const auto *Addr = dyn_cast_or_null<UnaryOperator>(Arg);
      const ValueDecl *Handle = nullptr;
      if (Addr && Addr->getOpcode() == UO_AddrOf) {
        Handle = HandleStateAnalysis::namedHandle(Addr->getSubExpr());
        if (!Handle)
          Handle = elementOf(Addr->getSubExpr());
      } else if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(Arg);
                 Sum && Sum->isAdditiveOp()) {
        Handle = HandleStateAnalysis::namedHandle(Sum->getLHS());
      } else {
        Handle = HandleStateAnalysis::namedHandle(Arg); // an array
      }
      if (const auto *Var = dyn_cast_or_null<VarDecl>(Handle))
        D.PosixHandles.insert(Var);
    }
    if (Api.isCApiCall(Call, model::posixSetDetachState()) &&
        Call->getNumArgs() == 2)
      if (const auto *Attr = dyn_cast_or_null<VarDecl>(
              HandleStateAnalysis::namedHandle(Call->getArg(0)))) {
        std::optional<int64_t> Value =
            model::integerValue(Call->getArg(1), Ctx);
        std::optional<int64_t> Detached =
            model::namedConstant(model::posixCreateDetached(), Ctx, PP);
        bool IsDetached = Value && Detached && *Value == *Detached;
        auto [It, New] = D.DetachAttrs.try_emplace(Attr, IsDetached);
        if (!New)
          It->second = It->second || IsDetached;
      }
    return true;
  }

  bool VisitStmt(Stmt *S) {
    if (const auto *E = dyn_cast<Expr>(S); E && isa<RecoveryExpr>(E))
      D.HasErrors = true;
    if (isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S))
      findJoinLoop(S);
    return true;
  }

private:
  bool isWin32Create(const Expr *E) {
    const model::HandleFunction *F =
        Api.handleFunction(dyn_cast_or_null<CallExpr>(skipWrappers(E)));
    return F && F->Op == model::HandleOp::CreateResult;
  }

  // A loop whose body joins or detaches the elements of a container joins
  // them all: the analysis cannot count iterations, and such loops iterate
  // over the whole container in practice.
  void findJoinLoop(const Stmt *Loop) {
    const VarDecl *LoopVar = nullptr;
    const ValueDecl *Range = nullptr;
    if (const auto *ForRange = dyn_cast<CXXForRangeStmt>(Loop)) {
      LoopVar = ForRange->getLoopVariable();
      Range = HandleStateAnalysis::namedHandle(ForRange->getRangeInit());
    }
    llvm::SmallVector<const Stmt *, 16> Work = {Loop};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S))
        continue;
      const Expr *Handle = nullptr;
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
        const CXXMethodDecl *Method = Member->getMethodDecl();
        if (Method && Method->getIdentifier() &&
            (Method->getName() == "join" || Method->getName() == "detach"))
          Handle = Member->getImplicitObjectArgument();
      } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
        const model::HandleFunction *F = Api.handleFunction(Call);
        if (F && (F->Op == model::HandleOp::Join ||
                  F->Op == model::HandleOp::Detach))
          Handle = Call->getArg(F->HandleArg);
      }
      if (Handle) {
        const ValueDecl *Container = elementOf(Handle);
        if (!Container && LoopVar &&
            HandleStateAnalysis::namedHandle(Handle) == LoopVar)
          Container = Range;
        if (Container)
          D.JoinLoops.push_back({Loop, Container});
      }
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
  }

  HandleStateAnalysis::FunctionData &D;
  const ThreadApi &Api;
  ASTContext &Ctx;
  const Preprocessor *PP;
};

} // namespace

HandleStateAnalysis::HandleStateAnalysis(const ThreadApi &Api, ASTContext &Ctx,
                                         const Preprocessor *PP)
    : Api(Api), Ctx(Ctx), PP(PP) {}

HandleStateAnalysis::~HandleStateAnalysis() = default;

HandleStateAnalysis::FunctionData *
HandleStateAnalysis::data(const FunctionDecl *FD) {
  auto &Slot = Data[FD];
  if (Slot)
    return Slot->Cfg ? Slot.get() : nullptr;
  Slot = std::make_unique<FunctionData>();
  Slot->Function = FD;
  Stmt *Body = FD->getBody();
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.setAllAlwaysAdd(); // every use of a handle is an element
  Slot->Cfg = CFG::buildCFG(FD, Body, &Ctx, Options);
  if (!Slot->Cfg)
    return nullptr;
  Slot->Parents = std::make_unique<ParentMap>(Body);
  BodyScanner(*Slot, Api, Ctx, PP).TraverseStmt(Body);
  return Slot.get();
}

bool HandleStateAnalysis::selfDetaches(const FunctionDecl *Start) {
  const FunctionDecl *Definition = Start ? Start->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody())
    return false;
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const model::HandleFunction *F = Api.handleFunction(Call);
      if (F && F->Op == model::HandleOp::Detach &&
          Api.isCApiCall(dyn_cast<CallExpr>(skipWrappers(Call->getArg(F->HandleArg))),
                         model::posixSelf()))
        return true;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

//===--- Which calls can throw -------------------------------------------===//

static bool insideTry(const Stmt *S, const Stmt *Root, const ParentMap &PM) {
  for (const Stmt *Child = S, *Parent = PM.getParent(S);
       Parent && Child != Root; Child = Parent, Parent = PM.getParent(Parent))
    if (const auto *Try = dyn_cast<CXXTryStmt>(Parent))
      if (Try->getTryBlock() == Child)
        return true;
  return false;
}

bool HandleStateAnalysis::functionMayThrow(const FunctionDecl *FD,
                                           unsigned Depth) {
  if (!FD)
    return false;
  if (const auto *Proto = FD->getType()->getAs<FunctionProtoType>()) {
    if (Proto->isNothrow())
      return false;
    if (isUnresolvedExceptionSpec(Proto->getExceptionSpecType()))
      return false; // implicit members: noexcept unless a member's is not
  }
  if (FD->isExternC() || FD->getLanguageLinkage() == CLanguageLinkage ||
      isa<CXXDestructorDecl>(FD) || FD->getBuiltinID() || FD->isImplicit() ||
      FD->isDefaulted())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(FD->getLocation()))
    return ThreadApi::isNamed(FD, model::throwingLibraryCalls());
  // Thread API calls do not throw where this analysis looks at them: a join
  // of a running handle succeeds.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    if (Api.threadClass(Method->getParent()))
      return false;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Definition->getBody())
    return true; // a call to a function not known to be noexcept
  if (Depth > 4)
    return false;
  auto [It, New] = ThrowCache.try_emplace(Definition, false);
  if (!New)
    return It->second;
  ParentMap PM(Definition->getBody());
  bool Throws = false;
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty() && !Throws) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    bool Here = false;
    if (isa<CXXThrowExpr>(S))
      Here = true;
    else if (const auto *Call = dyn_cast<CallExpr>(S))
      Here = functionMayThrow(Call->getDirectCallee(), Depth + 1);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      Here = functionMayThrow(Construct->getConstructor(), Depth + 1);
    if (Here && !insideTry(S, Definition->getBody(), PM))
      Throws = true;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  ThrowCache[Definition] = Throws;
  return Throws;
}

bool HandleStateAnalysis::mayThrow(const Stmt *S) {
  if (isa<CXXThrowExpr>(S))
    return true;
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    const FunctionDecl *Allocator = New->getOperatorNew();
    if (!Allocator || New->shouldNullCheckAllocation())
      return false;
    const auto *Proto = Allocator->getType()->getAs<FunctionProtoType>();
    return Proto && !Proto->isNothrow();
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return functionMayThrow(Call->getDirectCallee(), 0);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    if (Api.threadClass(Construct->getType()))
      return false;
    return functionMayThrow(Construct->getConstructor(), 0);
  }
  return false;
}

//===--- Members ----------------------------------------------------------===//

const Expr *HandleStateAnalysis::callableOf(const Expr *Start) {
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Start))
    return Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Start))
    if (Call->getNumArgs() > model::PosixCreateStartArg)
      return Call->getArg(model::PosixCreateStartArg);
  return nullptr;
}

// The function containing \p S: a lambda's call operator, or the function.
static const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  while (!Parents.empty()) {
    if (const auto *FD = Parents[0].get<FunctionDecl>())
      return FD;
    if (const auto *Lambda = Parents[0].get<LambdaExpr>())
      return Lambda->getCallOperator();
    Parents = Ctx.getParents(Parents[0]);
  }
  return nullptr;
}

static const Stmt *parentIgnoringCasts(const Stmt *S, ASTContext &Ctx) {
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*S);
    if (Parents.empty())
      return nullptr;
    const auto *P = Parents[0].get<Stmt>();
    if (!P || !isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups>(P))
      return P;
    S = P;
  }
}

MemberUses HandleStateAnalysis::memberUses(const CXXRecordDecl *Record,
                                           const FieldDecl *Field) {
  using namespace ast_matchers;
  MemberUses Uses;
  const bool IsContainer = Api.elementClass(Field->getType()) != nullptr;
  const model::ThreadClass *Class = IsContainer
                                        ? Api.elementClass(Field->getType())
                                        : Api.threadClass(Field->getType());
  if (!Class)
    return Uses;
  if (Field->hasInClassInitializer())
    if (const CXXConstructExpr *Start =
            Api.threadStart(Field->getInClassInitializer()))
      Uses.Starts.push_back(Start);
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    const auto *Definition =
        dyn_cast_or_null<CXXConstructorDecl>(Ctor->getDefinition());
    if (!Definition)
      continue;
    for (const CXXCtorInitializer *Init : Definition->inits())
      if (Init->getMember() == Field && Init->isWritten())
        if (const CXXConstructExpr *Start = Api.threadStart(Init->getInit()))
          Uses.Starts.push_back(Start);
  }

  auto Ours = [&](const Stmt *Use) {
    const FunctionDecl *FD = enclosingFunction(Use, Ctx);
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
  };

  for (const BoundNodes &Node :
       match(traverse(TK_AsIs,
                      translationUnitDecl(forEachDescendant(
                          memberExpr(member(equalsNode(Field))).bind("use")))),
             *Ctx.getTranslationUnitDecl(), Ctx)) {
    const auto *Use = Node.getNodeAs<MemberExpr>("use");
    const bool Own = Ours(Use);
    const Stmt *P = parentIgnoringCasts(Use, Ctx);
    if (const auto *Method = dyn_cast_or_null<MemberExpr>(P)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(parentIgnoringCasts(Method, Ctx));
      const auto *Callee =
          Call ? dyn_cast_or_null<CXXMethodDecl>(Call->getMethodDecl())
               : nullptr;
      llvm::StringRef Name =
          Callee && Callee->getIdentifier() ? Callee->getName() : "";
      if (IsContainer) {
        if (llvm::is_contained(model::containerFillMethods(), Name)) {
          if (Own)
            Uses.Starts.push_back(Call);
          continue;
        }
        if (llvm::is_contained(model::containerInertMethods(), Name) ||
            (Callee && Callee->isConst()))
          continue;
        Uses.Escapes = true;
        continue;
      }
      if (llvm::is_contained(Class->JoinMethods, Name) ||
          llvm::is_contained(Class->DetachMethods, Name)) {
        if (Own)
          Uses.Joins.push_back(Call);
        else
          Uses.Escapes = true;
        continue;
      }
      if (llvm::is_contained(Class->StartMethods, Name)) {
        if (Own)
          Uses.Starts.push_back(Call);
        continue;
      }
      if (Name != "swap" && (llvm::is_contained(Class->JoinableQueries, Name) ||
                             llvm::is_contained(Class->InertMethods, Name) ||
                             (Callee && Callee->isConst())))
        continue;
      Uses.Escapes = true;
      continue;
    }
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(P);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2 && skipWrappers(Assign->getArg(0)) == Use) {
      const Expr *Rhs = skipWrappers(Assign->getArg(1));
      if (const CXXConstructExpr *Start = Api.threadStart(Rhs)) {
        if (Own)
          Uses.Starts.push_back(Start);
      } else if (movedFrom(Rhs) || isa<CallExpr>(Rhs)) {
        if (Own)
          Uses.Starts.push_back(Assign);
      }
      continue;
    }
    // Iterating over a container of threads reads it.
    if (IsContainer && P &&
        (isa<ArraySubscriptExpr>(P) ||
         (isa<CXXOperatorCallExpr>(P) &&
          cast<CXXOperatorCallExpr>(P)->getOperator() == OO_Subscript)))
      continue;
    if (IsContainer && P && isa<DeclStmt>(P)) {
      DynTypedNodeList Loop = Ctx.getParents(*P);
      if (!Loop.empty() && Loop[0].get<CXXForRangeStmt>())
        continue;
    }
    if (const auto *Call = dyn_cast_or_null<CallExpr>(P))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (skipWrappers(Call->getArg(I)) == Use && I < Callee->getNumParams() &&
              Callee->getParamDecl(I)->getType()->isReferenceType() &&
              Callee->getParamDecl(I)
                  ->getType()
                  .getNonReferenceType()
                  .isConstQualified())
            goto Inert;
    Uses.Escapes = true;
  Inert:;
  }
  return Uses;
}

llvm::SmallPtrSet<const FieldDecl *, 4>
HandleStateAnalysis::writtenByThreads(const CXXRecordDecl *Record,
                                      llvm::ArrayRef<const Expr *> Starts) {
  llvm::SmallPtrSet<const FieldDecl *, 4> Written;
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 8> Work;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
  auto AddMethod = [&](const CXXMethodDecl *Method, unsigned Depth) {
    const FunctionDecl *Definition = Method ? Method->getDefinition() : nullptr;
    if (Definition && Definition->getBody() && Depth <= 3 &&
        Visited.insert(Definition).second)
      Work.push_back({Definition->getBody(), Depth});
  };
  for (const Expr *Start : Starts) {
    const Expr *Callable = callableOf(Start);
    if (!Callable)
      continue;
    // The callable: a lambda, &Record::run, or either inside a bind.
    llvm::SmallVector<const Stmt *, 8> Find = {Callable};
    while (!Find.empty()) {
      const Stmt *S = Find.pop_back_val();
      if (!S)
        continue;
      if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
        Work.push_back({Lambda->getBody(), 0});
        continue;
      }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Ref->getDecl()))
          AddMethod(Method, 0);
      for (const Stmt *Child : S->children())
        Find.push_back(Child);
    }
  }
  auto FieldOf = [&](const Expr *E) -> const FieldDecl * {
    const auto *Member = dyn_cast_or_null<MemberExpr>(skipWrappers(E));
    if (!Member || !isThisObject(Member->getBase()))
      return nullptr;
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    return Field && Field->getParent() == Record ? Field : nullptr;
  };
  while (!Work.empty()) {
    auto [S, Depth] = Work.pop_back_val();
    if (!S)
      continue;
    const FieldDecl *Target = nullptr;
    if (const auto *Binary = dyn_cast<BinaryOperator>(S);
        Binary && Binary->isAssignmentOp())
      Target = FieldOf(Binary->getLHS());
    else if (const auto *Unary = dyn_cast<UnaryOperator>(S);
             Unary && Unary->isIncrementDecrementOp())
      Target = FieldOf(Unary->getSubExpr());
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
             Op && Op->isAssignmentOp())
      Target = FieldOf(Op->getArg(0));
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (Method && !Method->isConst())
        Target = FieldOf(Call->getImplicitObjectArgument());
      if (Method && isThisObject(Call->getImplicitObjectArgument()))
        AddMethod(Method, Depth + 1);
    }
    if (Target)
      Written.insert(Target);
    for (const Stmt *Child : S->children())
      Work.push_back({Child, Depth});
  }
  return Written;
}

//===--- The path walk ----------------------------------------------------===//

namespace {

struct HandleValue {
  HandleState State = HandleState::Unborn;
  const Stmt *Start = nullptr;
  const Stmt *Event = nullptr;
  bool operator==(const HandleValue &O) const {
    return State == O.State && Start == O.Start && Event == O.Event;
  }
};

struct PathState {
  llvm::SmallVector<HandleValue, 4> Handles;
  /// Known outcomes of flag conditions, by the condition's profile.
  llvm::SmallVector<std::pair<unsigned, bool>, 4> Facts;
  /// Variables that hold a create call's result, and the handle created.
  llvm::SmallVector<std::pair<const VarDecl *, unsigned>, 2> CreateResults;
  const Expr *Guard = nullptr;

  bool operator==(const PathState &O) const {
    return Handles == O.Handles && Facts == O.Facts &&
           CreateResults == O.CreateResults && Guard == O.Guard;
  }

  std::optional<bool> fact(unsigned Key) const {
    for (const auto &[K, V] : Facts)
      if (K == Key)
        return V;
    return std::nullopt;
  }
  void setFact(unsigned Key, bool Value) {
    for (auto &[K, V] : Facts)
      if (K == Key) {
        V = Value;
        return;
      }
    Facts.push_back({Key, Value});
    llvm::sort(Facts);
  }
};

// Enough for real functions; a function that needs more is skipped whole.
constexpr unsigned MaxSteps = 40000;
constexpr unsigned MaxInlineDepth = 3;

} // namespace

class PathWalker {
public:
  PathWalker(HandleStateAnalysis &A, const AnalysisConfig &Config,
             AnalysisResult &Result)
      : A(A), Api(A.Api), Config(Config), R(Result) {}

  bool run(HandleStateAnalysis::FunctionData &Top) {
    TopData = &Top;
    const FunctionDecl *FD = Top.Function;
    if (Config.Locals)
      for (const VarDecl *Var : Top.Locals)
        track(Var, Var->getType(), Top);
    if (Config.Members)
      if (const auto *Method = dyn_cast<CXXMethodDecl>(FD)) {
        Class = Method->getParent();
        for (const FieldDecl *Field : Class->fields())
          track(Field, Field->getType(), Top);
      }
    if (R.Handles.empty())
      return true;
    R.Settled.assign(R.Handles.size(), false);
    PathState Entry;
    for (const TrackedHandle &H : R.Handles) {
      HandleValue V;
      if (isa<FieldDecl>(H.Decl)) {
        V.State = Config.MemberEntry;
        V.Start = Config.MemberStarts.lookup(cast<FieldDecl>(H.Decl));
      }
      Entry.Handles.push_back(V);
    }
    std::vector<PathState> Exits;
    if (!walk(Top, Entry, 0, Exits))
      return false;
    if (Config.Members && Config.MemberExits)
      for (const PathState &S : Exits)
        for (unsigned H = 0; H < R.Handles.size(); ++H)
          if (isa<FieldDecl>(R.Handles[H].Decl) &&
              S.Handles[H].State == HandleState::Running)
            addLeak({H, S.Handles[H].Start, nullptr, FD->getBodyRBrace(),
                     nullptr, S.Guard});
    return true;
  }

private:
  using Data = HandleStateAnalysis::FunctionData;

  void track(const ValueDecl *D, QualType T, Data &Top) {
    const auto *Var = dyn_cast<VarDecl>(D);
    TrackedHandle H{D, TrackedHandle::Object, false, nullptr};
    if ((H.Class = Api.threadClass(T))) {
    } else if ((H.Class = Api.elementClass(T))) {
      H.IsContainer = true;
    } else if (Var && Top.PosixHandles.count(Var) && Api.isPosixHandle(T)) {
      H.Kind = TrackedHandle::Posix;
    } else if (Var && Top.PosixHandles.count(Var) &&
               Api.isPosixHandleArray(T)) {
      H.Kind = TrackedHandle::Posix;
      H.IsContainer = true;
    } else if (Var && Top.Win32Handles.count(Var) &&
               (T->isPointerType() || T->isIntegerType())) {
      H.Kind = TrackedHandle::Win32;
    } else {
      return;
    }
    Index[D] = R.Handles.size();
    R.Handles.push_back(H);
  }

  std::optional<unsigned> handleOf(const ValueDecl *D) const {
    if (!D)
      return std::nullopt;
    auto It = Index.find(D);
    if (It == Index.end())
      return std::nullopt;
    return It->second;
  }
  std::optional<unsigned> handleOf(const Expr *E) const {
    return handleOf(HandleStateAnalysis::namedHandle(E));
  }

  //--- Findings, one per place --------------------------------------------//

  void addLeak(const Leak &L) {
    for (const Leak &Old : R.Leaks)
      if (Old.Handle == L.Handle && Old.Start == L.Start &&
          (Old.Thrower != nullptr) == (L.Thrower != nullptr) &&
          (Old.Guard != nullptr) == (L.Guard != nullptr))
        return;
    R.Leaks.push_back(L);
  }

  void set(PathState &S, unsigned H, HandleState State, const Stmt *Event,
           const Stmt *Start = nullptr) {
    HandleValue &V = S.Handles[H];
    V.State = State;
    V.Event = Event;
    V.Start = State == HandleState::Running ? Start : V.Start;
    if (State == HandleState::Joined || State == HandleState::Detached ||
        State == HandleState::Unknown)
      R.Settled[H] = true;
  }

  void joinOrDetach(PathState &S, unsigned H, const Expr *Call, bool IsDetach) {
    const HandleValue V = S.Handles[H];
    switch (V.State) {
    case HandleState::Empty:
    case HandleState::Joined:
    case HandleState::Detached:
    case HandleState::MovedFrom:
      if (llvm::none_of(R.BadJoins,
                        [&](const BadJoin &B) { return B.Call == Call; }))
        R.BadJoins.push_back({H, Call, IsDetach, V.State, V.Event});
      break;
    default:
      break;
    }
    if (IsDetach &&
        (V.State == HandleState::Running || V.State == HandleState::Unknown)) {
      const Stmt *Start = V.State == HandleState::Running ? V.Start : nullptr;
      if (llvm::none_of(R.Detaches, [&](const DetachSite &D) {
            return D.Call == Call && D.Start == Start;
          }))
        R.Detaches.push_back({H, Call, Start});
    }
    set(S, H, IsDetach ? HandleState::Detached : HandleState::Joined, Call);
  }

  //--- Flag conditions ------------------------------------------------------//

  // A condition reduced to an atom and whether the condition holds when the
  // atom is non-zero: `!x` is (x, false), `x != 0` is (x, true).
  static std::pair<const Expr *, bool> atomOf(const Expr *Cond) {
    bool Polarity = true;
    while (true) {
      Cond = Cond->IgnoreParenImpCasts();
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Cond)) {
        Cond = Cleanups->getSubExpr();
        continue;
      }
      if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
          Not && Not->getOpcode() == UO_LNot) {
        Cond = Not->getSubExpr();
        Polarity = !Polarity;
        continue;
      }
      if (const auto *Compare = dyn_cast<BinaryOperator>(Cond);
          Compare && Compare->isEqualityOp()) {
        const Expr *L = Compare->getLHS()->IgnoreParenImpCasts();
        const Expr *Rhs = Compare->getRHS()->IgnoreParenImpCasts();
        const Expr *Other = isZero(Rhs) ? L : isZero(L) ? Rhs : nullptr;
        if (Other) {
          Cond = Other;
          if (Compare->getOpcode() == BO_EQ)
            Polarity = !Polarity;
          continue;
        }
      }
      return {Cond, Polarity};
    }
  }

  static bool isZero(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Int = dyn_cast<IntegerLiteral>(E))
      return Int->getValue() == 0;
    if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
      return !Bool->getValue();
    return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E);
  }

  // Whether \p E is a flag: a local scalar whose every write the walk sees,
  // or a member (of this or of another object) of scalar type.
  bool isFlag(const Expr *&E, llvm::SmallVectorImpl<const ValueDecl *> &Decls,
              const Data &D) const {
    E = E->IgnoreParenImpCasts();
    // An atomic flag read by its conversion or load().
    bool Atomic = false;
    if (const auto *Read = dyn_cast<CXXMemberCallExpr>(E))
      if (const CXXMethodDecl *Method = Read->getMethodDecl();
          Method &&
          (isa<CXXConversionDecl>(Method) ||
           (Method->getIdentifier() && Method->getName() == "load"))) {
        E = Read->getImplicitObjectArgument()->IgnoreParenImpCasts();
        Atomic = true;
      }
    if (!Atomic && !E->getType()->isScalarType())
      return false;
    while (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (!isa<FieldDecl>(Member->getMemberDecl()))
        return false;
      Decls.push_back(Member->getMemberDecl());
      E = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(E))
        return true;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var)
      return false;
    if (Decls.empty() &&
        (!Var->hasLocalStorage() || D.Aliased.count(Var) || Index.count(Var)))
      return false;
    Decls.push_back(Var);
    return true;
  }

  static unsigned keyOf(const ValueDecl *D) {
    return llvm::DenseMapInfo<const ValueDecl *>::getHashValue(D);
  }
  unsigned keyOf(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return keyOf(Ref->getDecl());
    llvm::FoldingSetNodeID ID;
    E->Profile(ID, A.Ctx, /*Canonical=*/true);
    return ID.ComputeHash();
  }

  void forgetFactsAbout(PathState &S, const ValueDecl *D) {
    llvm::erase_if(S.Facts, [&](const std::pair<unsigned, bool> &F) {
      auto It = FactDecls.find(F.first);
      return It != FactDecls.end() && llvm::is_contained(It->second, D);
    });
  }

  void forgetMemberFacts(PathState &S) {
    llvm::erase_if(S.Facts, [&](const std::pair<unsigned, bool> &F) {
      auto It = FactDecls.find(F.first);
      return It != FactDecls.end() &&
             llvm::any_of(It->second,
                          [](const ValueDecl *D) { return isa<FieldDecl>(D); });
    });
  }

  void writeFlag(PathState &S, const Expr *Target, const Expr *Value,
                 const Data &D) {
    llvm::SmallVector<const ValueDecl *, 2> Decls;
    if (!isFlag(Target, Decls, D)) {
      Target = Target->IgnoreParenImpCasts();
      if (const ValueDecl *Named = HandleStateAnalysis::namedHandle(Target))
        forgetFactsAbout(S, Named);
      return;
    }
    forgetFactsAbout(S, Decls.front());
    if (Value && !Value->isValueDependent())
      if (std::optional<llvm::APSInt> Int =
              Value->IgnoreParenImpCasts()->getIntegerConstantExpr(A.Ctx)) {
        unsigned Key = keyOf(Target);
        FactDecls[Key].assign(Decls.begin(), Decls.end());
        S.setFact(Key, !Int->isZero());
      }
  }

  void initFlag(PathState &S, const VarDecl *Var, const Data &D) {
    const Expr *Init = Var->getInit();
    if (!Var->hasLocalStorage() || D.Aliased.count(Var) ||
        !Var->getType()->isScalarType() || Init->isValueDependent())
      return;
    if (std::optional<llvm::APSInt> Int =
            Init->IgnoreParenImpCasts()->getIntegerConstantExpr(A.Ctx)) {
      unsigned Key = keyOf(Var);
      FactDecls[Key] = {Var};
      S.setFact(Key, !Int->isZero());
    }
  }

  // Refines \p S for the branch where \p Cond evaluated to \p Outcome;
  // returns false if that branch cannot be taken on this path.
  bool refine(PathState &S, const Expr *Cond, bool Outcome, const Data &D) {
    auto [Atom, Polarity] = atomOf(Cond);
    const bool NonZero = Outcome == Polarity;

    // t.joinable(), thread.isRunning()
    if (const auto *Query = dyn_cast<CXXMemberCallExpr>(Atom))
      if (std::optional<unsigned> H =
              handleOf(Query->getImplicitObjectArgument())) {
        const TrackedHandle &T = R.Handles[*H];
        const CXXMethodDecl *Method = Query->getMethodDecl();
        if (T.Class && !T.IsContainer && Method && Method->getIdentifier() &&
            llvm::is_contained(T.Class->JoinableQueries, Method->getName())) {
          HandleValue &V = S.Handles[*H];
          if (V.State == HandleState::Running)
            return NonZero;
          if (V.State == HandleState::Unknown) {
            V.State = NonZero ? HandleState::Running : HandleState::Empty;
            V.Event = Query;
            return true;
          }
          if (V.State != HandleState::Unborn)
            return !NonZero;
          return true;
        }
      }

    // if (pthread_create(...) != 0), if (rc), if (!handle): creation failed.
    // (`rc < 0` and `rc > 0` are read as `rc != 0`: a create call returns
    // zero or an error number.)
    const Expr *Created = Atom;
    if (const auto *Compare = dyn_cast<BinaryOperator>(Atom);
        Compare && isZero(Compare->getRHS()) &&
        (Compare->getOpcode() == BO_LT || Compare->getOpcode() == BO_GT))
      Created = Compare->getLHS()->IgnoreParenImpCasts();
    if (std::optional<unsigned> H = createdBy(S, Created)) {
      const TrackedHandle &T = R.Handles[*H];
      // A Win32 handle is non-null when created; a POSIX result is non-zero
      // when the creation failed.
      bool Failed = T.Kind == TrackedHandle::Win32 ? !NonZero : NonZero;
      if (Failed && S.Handles[*H].State == HandleState::Running &&
          !T.IsContainer)
        S.Handles[*H].State = HandleState::Empty;
      return true;
    }

    llvm::SmallVector<const ValueDecl *, 2> Decls;
    if (!isFlag(Atom, Decls, D))
      return true;
    if (Config.MemberEntry == HandleState::Running &&
        llvm::any_of(Decls, [&](const ValueDecl *Decl) {
          const auto *Field = dyn_cast<FieldDecl>(Decl);
          return Field && Config.ThreadWrittenFields.count(Field);
        }))
      S.Guard = Cond;
    unsigned Key = keyOf(Atom);
    if (std::optional<bool> Known = S.fact(Key))
      return *Known == NonZero;
    FactDecls[Key].assign(Decls.begin(), Decls.end());
    S.setFact(Key, NonZero);
    return true;
  }

  // The handle whose creation \p E reports: the create call itself, a
  // variable holding its result, or a Win32 handle variable.
  std::optional<unsigned> createdBy(const PathState &S, const Expr *E) const {
    E = skipWrappers(E);
    for (unsigned H = 0; H < S.Handles.size(); ++H)
      if (S.Handles[H].State == HandleState::Running &&
          S.Handles[H].Start == E && R.Handles[H].Kind != TrackedHandle::Object)
        return H;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      for (const auto &[Var, H] : S.CreateResults)
        if (Var == Ref->getDecl())
          return H;
      if (std::optional<unsigned> H = handleOf(Ref->getDecl()))
        if (R.Handles[*H].Kind == TrackedHandle::Win32)
          return H;
    }
    return std::nullopt;
  }

  //--- Transfer
  //---------------------------------------------------------------//

  bool inJoinLoop(const Stmt *S, const ValueDecl *Container,
                  const Data &D) const {
    for (const auto &[Loop, C] : D.JoinLoops) {
      if (C != Container)
        continue;
      for (const Stmt *P = S; P; P = D.Parents->getParent(P))
        if (P == Loop)
          return true;
    }
    return false;
  }

  enum class Use { Consumed, Inert, Escape };

  const Stmt *parentOf(const Stmt *S, const Data &D) const {
    const Stmt *P = D.Parents->getParent(S);
    while (P && (isa<ParenExpr, ImplicitCastExpr, CXXBindTemporaryExpr,
                     MaterializeTemporaryExpr, ExprWithCleanups>(P)))
      P = D.Parents->getParent(P);
    return P;
  }

  // How the expression \p Ref naming handle \p H is used, when the use is
  // not one a transfer function below handles.
  Use classify(const Expr *Ref, unsigned H, const Data &D) {
    const TrackedHandle &T = R.Handles[H];
    if (T.IsContainer && inJoinLoop(Ref, T.Decl, D))
      return Use::Consumed;
    const Stmt *P = parentOf(Ref, D);
    if (!P)
      return Use::Escape;
    if (const auto *Member = dyn_cast<MemberExpr>(P))
      return isa<CXXMemberCallExpr>(parentOf(Member, D)) ? Use::Consumed
                                                         : Use::Escape;
    if (isa<ArraySubscriptExpr>(P) ||
        (isa<CXXOperatorCallExpr>(P) &&
         cast<CXXOperatorCallExpr>(P)->getOperator() == OO_Subscript)) {
      // An element: filled by an assignment or pthread_create(&ts[i]).
      const Stmt *User = parentOf(P, D);
      if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(User);
          Addr && Addr->getOpcode() == UO_AddrOf)
        User = parentOf(Addr, D);
      if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(User);
          Assign && Assign->getOperator() == OO_Equal &&
          skipWrappers(Assign->getArg(0)) == P)
        return Use::Consumed;
      if (const auto *Call = dyn_cast_or_null<CallExpr>(User))
        if (const model::HandleFunction *F = Api.handleFunction(Call);
            F && F->Op == model::HandleOp::CreateIntoArg)
          return Use::Consumed;
      return Use::Escape;
    }
    if (const auto *Unary = dyn_cast<UnaryOperator>(P)) {
      if (Unary->getOpcode() == UO_LNot)
        return Use::Inert;
      if (Unary->getOpcode() != UO_AddrOf)
        return Use::Escape;
      const auto *Call = dyn_cast_or_null<CallExpr>(parentOf(Unary, D));
      const model::HandleFunction *F = Api.handleFunction(Call);
      return F && F->Op == model::HandleOp::CreateIntoArg &&
                     skipWrappers(Call->getArg(F->HandleArg)) == Unary
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
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (const model::HandleFunction *F = Api.handleFunction(Call))
        if (F->Op != model::HandleOp::CreateResult &&
            skipWrappers(Call->getArg(F->HandleArg)) == skipWrappers(Ref))
          return Use::Consumed;
      if (HandleStateAnalysis::movedFrom(Call)) {
        const Stmt *Target = parentOf(Call, D);
        if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Target);
            Construct && Api.threadClass(Construct->getType()))
          return Use::Consumed;
        if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(Target);
            Assign && Assign->getOperator() == OO_Equal &&
            handleOf(Assign->getArg(0)))
          return Use::Consumed;
        if (const auto *Fill = dyn_cast_or_null<CXXMemberCallExpr>(Target))
          if (std::optional<unsigned> C =
                  handleOf(Fill->getImplicitObjectArgument());
              C && R.Handles[*C].IsContainer)
            return Use::Consumed;
        return Use::Escape;
      }
      // A const reference cannot join; anything else may.
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (skipWrappers(Call->getArg(I)) == skipWrappers(Ref) &&
              I < Callee->getNumParams()) {
            QualType Param = Callee->getParamDecl(I)->getType();
            if (T.Kind == TrackedHandle::Object && Param->isReferenceType() &&
                Param.getNonReferenceType().isConstQualified())
              return Use::Inert;
          }
      return Use::Escape;
    }
    return Use::Escape;
  }

  void initVar(PathState &S, unsigned H, const VarDecl *Var,
               const DeclStmt *Decl) {
    const TrackedHandle &T = R.Handles[H];
    const Expr *Init = Var->getInit();
    if (T.Kind == TrackedHandle::Win32) {
      const auto *Call = dyn_cast_or_null<CallExpr>(skipWrappers(Init));
      const model::HandleFunction *F = Api.handleFunction(Call);
      if (F && F->Op == model::HandleOp::CreateResult)
        set(S, H, HandleState::Running, Decl, Call);
      else
        set(S, H,
            Init && !isZero(Init) ? HandleState::Unknown : HandleState::Empty,
            Decl);
      return;
    }
    if (T.Kind == TrackedHandle::Posix) {
      set(S, H,
          !Init || isZero(Init) ? HandleState::Empty : HandleState::Unknown,
          Decl);
      return;
    }
    if (T.IsContainer) {
      const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Init));
      bool Empty = !Init || (Construct && Construct->getNumArgs() == 0) ||
                   (Construct &&
                    !Construct->getConstructor()->isCopyOrMoveConstructor() &&
                    llvm::all_of(Construct->arguments(), [](const Expr *Arg) {
                      return Arg->getType()->isIntegerType() ||
                             isa<CXXDefaultArgExpr>(Arg);
                    }));
      set(S, H, Empty ? HandleState::Empty : HandleState::Unknown, Decl);
      return;
    }
    if (const CXXConstructExpr *Start = Api.threadStart(Init)) {
      set(S, H, HandleState::Running, Decl, Start);
      return;
    }
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Init));
    if (!Init || (Construct && (Construct->getNumArgs() == 0 ||
                                !T.Class->StartsInConstructor))) {
      set(S, H, HandleState::Empty, Decl);
      return;
    }
    if (Construct && Construct == PendingMove.first) {
      S.Handles[H] = PendingMove.second;
      if (S.Handles[H].State == HandleState::Unborn)
        S.Handles[H].State = HandleState::Unknown;
      return;
    }
    set(S, H, HandleState::Unknown, Decl);
  }

  void assignObject(PathState &S, unsigned H, const CXXOperatorCallExpr *Op) {
    const TrackedHandle &T = R.Handles[H];
    const Expr *Rhs = Op->getArg(1);
    if (T.IsContainer)
      return;
    HandleValue &V = S.Handles[H];
    if (V.State == HandleState::Running &&
        llvm::none_of(R.Overwrites,
                      [&](const Overwrite &O) { return O.Assignment == Op; }))
      R.Overwrites.push_back({H, Op, V.Start});
    if (const CXXConstructExpr *Start = Api.threadStart(Rhs)) {
      set(S, H, HandleState::Running, Op, Start);
      return;
    }
    if (const Expr *Source = HandleStateAnalysis::movedFrom(Rhs)) {
      if (std::optional<unsigned> W = handleOf(Source)) {
        HandleValue Moved = S.Handles[*W];
        set(S, *W, HandleState::MovedFrom, Op);
        S.Handles[H] = Moved;
        if (Moved.State == HandleState::Unborn)
          S.Handles[H].State = HandleState::Unknown;
        return;
      }
      set(S, H, HandleState::Unknown, Op);
      return;
    }
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(Rhs));
    if (Construct && Construct->getNumArgs() == 0) {
      set(S, H, HandleState::Empty, Op);
      return;
    }
    if (isa<InitListExpr>(skipWrappers(Rhs)) &&
        cast<InitListExpr>(skipWrappers(Rhs))->getNumInits() == 0) {
      set(S, H, HandleState::Empty, Op);
      return;
    }
    set(S, H, HandleState::Unknown, Op);
  }

  void fill(PathState &S, unsigned C, const Expr *Call) {
    HandleValue &V = S.Handles[C];
    if (V.State == HandleState::Unknown)
      return;
    if (V.State != HandleState::Running)
      set(S, C, HandleState::Running, Call, Call);
  }

  void memberCall(PathState &S, unsigned H, const CXXMemberCallExpr *Call) {
    const TrackedHandle &T = R.Handles[H];
    const CXXMethodDecl *Method = Call->getMethodDecl();
    llvm::StringRef Name =
        Method && Method->getIdentifier() ? Method->getName() : "";
    if (T.IsContainer) {
      if (llvm::is_contained(model::containerFillMethods(), Name)) {
        for (const Expr *Arg : Call->arguments())
          if (const Expr *Source = HandleStateAnalysis::movedFrom(Arg))
            if (std::optional<unsigned> W = handleOf(Source))
              set(S, *W, HandleState::MovedFrom, Call);
        fill(S, H, Call);
      } else if (!llvm::is_contained(model::containerInertMethods(), Name)) {
        set(S, H, HandleState::Unknown, Call);
      }
      return;
    }
    // A method of a class derived from the handle's may do anything.
    const bool Own = Method && T.Class &&
                     ThreadApi::isNamed(Method->getParent(), {T.Class->Name});
    if (Own && llvm::is_contained(T.Class->JoinMethods, Name)) {
      bool Deadline = llvm::any_of(Call->arguments(), [](const Expr *Arg) {
        return !isa<CXXDefaultArgExpr>(Arg);
      });
      if (Deadline)
        set(S, H, HandleState::Unknown, Call);
      else
        joinOrDetach(S, H, Call, /*IsDetach=*/false);
      return;
    }
    if (Own && llvm::is_contained(T.Class->DetachMethods, Name)) {
      joinOrDetach(S, H, Call, /*IsDetach=*/true);
      return;
    }
    if (Own && llvm::is_contained(T.Class->StartMethods, Name)) {
      if (S.Handles[H].State != HandleState::Running)
        set(S, H, HandleState::Running, Call, Call);
      return;
    }
    if (Own && Name == "swap" && Call->getNumArgs() == 1) {
      if (std::optional<unsigned> W = handleOf(Call->getArg(0))) {
        std::swap(S.Handles[H], S.Handles[*W]);
        return;
      }
      set(S, H, HandleState::Unknown, Call);
      return;
    }
    if (Own && (llvm::is_contained(T.Class->JoinableQueries, Name) ||
                llvm::is_contained(T.Class->InertMethods, Name)))
      return;
    if (Method && Method->isConst())
      return;
    set(S, H, HandleState::Unknown, Call);
  }

  void cApiCall(PathState &S, const CallExpr *Call,
                const model::HandleFunction &F, const Data &D) {
    using Op = model::HandleOp;
    if (F.Op == Op::CreateResult)
      return; // seen at the declaration or assignment that keeps it
    const Expr *Arg = skipWrappers(Call->getArg(F.HandleArg));
    if (F.Op == Op::CreateIntoArg) {
      const auto *Addr = dyn_cast_or_null<UnaryOperator>(Arg);
      std::optional<unsigned> H;
      if (Addr && Addr->getOpcode() == UO_AddrOf) {
        H = handleOf(Addr->getSubExpr());
        if (!H)
          H = handleOf(elementOf(Addr->getSubExpr()));
      } else if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(Arg);
                 Sum && Sum->isAdditiveOp()) {
        H = handleOf(Sum->getLHS());
      } else {
        H = handleOf(Arg);
      }
      if (!H || R.Handles[*H].Kind != TrackedHandle::Posix)
        return;
      switch (createdDetached(Call, D)) {
      case Creation::Joinable:
        if (R.Handles[*H].IsContainer)
          fill(S, *H, Call);
        else
          set(S, *H, HandleState::Running, Call, Call);
        return;
      case Creation::Detached:
        if (!R.Handles[*H].IsContainer)
          set(S, *H, HandleState::Detached, Call);
        return;
      case Creation::Unknown:
        set(S, *H, HandleState::Unknown, Call);
        return;
      }
      return;
    }
    std::optional<unsigned> H;
    if (const auto *Native = dyn_cast_or_null<CXXMemberCallExpr>(Arg)) {
      const CXXMethodDecl *Method = Native->getMethodDecl();
      if (Method && Method->getIdentifier() &&
          Method->getName() == "native_handle")
        H = handleOf(Native->getImplicitObjectArgument());
    } else {
      H = handleOf(Arg);
    }
    if (!H) {
      if (std::optional<unsigned> C = handleOf(elementOf(Arg));
          C && !inJoinLoop(Call, R.Handles[*C].Decl, D))
        set(S, *C, HandleState::Unknown, Call);
      return;
    }
    if (R.Handles[*H].IsContainer)
      return;
    switch (F.Op) {
    case Op::Join:
      joinOrDetach(S, *H, Call, /*IsDetach=*/false);
      return;
    case Op::Detach:
      joinOrDetach(S, *H, Call, /*IsDetach=*/true);
      return;
    case Op::MaybeJoin:
      set(S, *H, HandleState::Unknown, Call);
      return;
    default:
      return;
    }
  }

  enum class Creation { Joinable, Detached, Unknown };

  Creation createdDetached(const CallExpr *Create, const Data &D) {
    if (Create->getNumArgs() <= model::PosixCreateStartArg)
      return Creation::Unknown;
    if (const auto *Start =
            dyn_cast_or_null<FunctionDecl>(HandleStateAnalysis::namedHandle(
                Create->getArg(model::PosixCreateStartArg)));
        Start && A.selfDetaches(Start))
      return Creation::Detached;
    const Expr *Attr = Create->getArg(1);
    if (Attr->isNullPointerConstant(A.Ctx, Expr::NPC_ValueDependentIsNotNull))
      return Creation::Joinable;
    const auto *Var =
        dyn_cast_or_null<VarDecl>(HandleStateAnalysis::namedHandle(Attr));
    if (!Var || !Var->hasLocalStorage())
      return Creation::Unknown;
    auto It = D.DetachAttrs.find(Var);
    if (It == D.DetachAttrs.end())
      return Creation::Joinable;
    return It->second ? Creation::Detached : Creation::Joinable;
  }

  void exceptionPath(PathState &S, const Stmt *Thrower, const Data &D) {
    if (!Config.ExceptionPaths || &D != TopData)
      return;
    bool Any = false;
    for (unsigned H = 0; H < R.Handles.size(); ++H)
      Any |= S.Handles[H].State == HandleState::Running &&
             R.Handles[H].Kind == TrackedHandle::Object &&
             isa<VarDecl>(R.Handles[H].Decl);
    if (!Any || !A.mayThrow(Thrower))
      return;
    for (unsigned H = 0; H < R.Handles.size(); ++H) {
      const TrackedHandle &T = R.Handles[H];
      const auto *Var = dyn_cast<VarDecl>(T.Decl);
      if (S.Handles[H].State != HandleState::Running ||
          T.Kind != TrackedHandle::Object || !Var)
        continue;
      // A try inside the handle's scope may catch it: the handle lives on.
      if (insideTry(Thrower, D.Scopes.lookup(Var), *D.Parents))
        continue;
      addLeak(
          {H, S.Handles[H].Start, nullptr, SourceLocation(), Thrower, nullptr});
    }
  }

  void endOfLife(PathState &S, const VarDecl *Var, const Stmt *Trigger,
                 const Data &D) {
    std::optional<unsigned> H = handleOf(Var);
    if (!H || S.Handles[*H].State == HandleState::Unborn)
      return;
    if (S.Handles[*H].State == HandleState::Running) {
      SourceLocation Loc;
      const Stmt *Exit = nullptr;
      if (const auto *Scope = dyn_cast_or_null<CompoundStmt>(Trigger))
        Loc = Scope->getRBracLoc();
      else if (Trigger) {
        Exit = Trigger;
        Loc = Trigger->getBeginLoc();
      } else if (const auto *Scope =
                     dyn_cast_or_null<CompoundStmt>(D.Scopes.lookup(Var))) {
        Loc = Scope->getRBracLoc();
      }
      addLeak({*H, S.Handles[*H].Start, Exit, Loc, nullptr, nullptr});
    }
    S.Handles[*H].State = HandleState::Unborn;
  }

  // Member functions called on this whose body the walk enters.
  const FunctionDecl *inlinable(const Stmt *S, unsigned Depth) const {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
    if (!Call || !Config.InlineMemberCalls || Depth >= MaxInlineDepth ||
        !isThisObject(Call->getImplicitObjectArgument()))
      return nullptr;
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const FunctionDecl *Definition = Method ? Method->getDefinition() : nullptr;
    if (!Definition || !Definition->getBody())
      return nullptr;
    return Definition;
  }

  void transfer(PathState &S, const Stmt *St, Data &D) {
    for (const auto &[Loop, C] : D.JoinLoops)
      if (std::optional<unsigned> H = handleOf(C);
          H && S.Handles[*H].State != HandleState::Unborn &&
          inJoinLoop(St, C, D))
        set(S, *H, HandleState::Joined, Loop);

    if (const auto *Decl = dyn_cast<DeclStmt>(St)) {
      for (const class Decl *One : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(One)) {
          if (std::optional<unsigned> H = handleOf(Var))
            initVar(S, *H, Var, Decl);
          else if (Var->getInit()) {
            initFlag(S, Var, D);
            if (std::optional<unsigned> Created = createdBy(S, Var->getInit()))
              S.CreateResults.push_back({Var, *Created});
          }
        }
      return;
    }

    if (const auto *Construct = dyn_cast<CXXConstructExpr>(St)) {
      // Moving a handle into a new object: the source is left empty.
      if (Construct->getNumArgs() == 1 &&
          Construct->getConstructor()->isMoveConstructor() &&
          Api.threadClass(Construct->getType()))
        if (const Expr *Source =
                HandleStateAnalysis::movedFrom(Construct->getArg(0)))
          if (std::optional<unsigned> W = handleOf(Source)) {
            PendingMove = {Construct, S.Handles[*W]};
            set(S, *W, HandleState::MovedFrom, Construct);
          }
      exceptionPath(S, St, D);
      return;
    }

    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        if (std::optional<unsigned> H = handleOf(Op->getArg(0))) {
          if (R.Handles[*H].Kind == TrackedHandle::Object) {
            if (R.Handles[*H].IsContainer)
              set(S, *H, HandleState::Unknown, Op);
            else
              assignObject(S, *H, Op);
          }
          return;
        }
        if (std::optional<unsigned> C = handleOf(elementOf(Op->getArg(0)))) {
          if (Api.threadStart(Op->getArg(1)) ||
              HandleStateAnalysis::movedFrom(Op->getArg(1))) {
            if (const Expr *Source =
                    HandleStateAnalysis::movedFrom(Op->getArg(1)))
              if (std::optional<unsigned> W = handleOf(Source))
                set(S, *W, HandleState::MovedFrom, Op);
            fill(S, *C, Op);
          } else if (!inJoinLoop(Op, R.Handles[*C].Decl, D)) {
            set(S, *C, HandleState::Unknown, Op);
          }
          return;
        }
        writeFlag(S, Op->getArg(0), Op->getArg(1), D);
      }
      exceptionPath(S, St, D);
      return;
    }

    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(St)) {
      const Expr *Object = Call->getImplicitObjectArgument();
      if (std::optional<unsigned> H = handleOf(Object)) {
        memberCall(S, *H, Call);
        return;
      }
      if (std::optional<unsigned> C = handleOf(elementOf(Object))) {
        if (!inJoinLoop(Call, R.Handles[*C].Decl, D))
          set(S, *C, HandleState::Unknown, Call);
        return;
      }
      if (Config.Members && isThisObject(Object)) {
        const CXXMethodDecl *Method = Call->getMethodDecl();
        if (!Method || !Method->isConst()) {
          forgetMemberFacts(S);
          // A member function whose body the walk cannot see may join.
          const FunctionDecl *Definition =
              Method ? Method->getDefinition() : nullptr;
          if (!Definition || !Definition->getBody() ||
              !Config.InlineMemberCalls)
            for (unsigned H = 0; H < R.Handles.size(); ++H)
              if (isa<FieldDecl>(R.Handles[H].Decl))
                set(S, H, HandleState::Unknown, Call);
        }
      }
      exceptionPath(S, St, D);
      return;
    }

    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      if (const model::HandleFunction *F = Api.handleFunction(Call)) {
        cApiCall(S, Call, *F, D);
        return;
      }
      exceptionPath(S, St, D);
      return;
    }

    if (const auto *Binary = dyn_cast<BinaryOperator>(St)) {
      if (Binary->isAssignmentOp()) {
        std::optional<unsigned> H = handleOf(Binary->getLHS());
        if (H && R.Handles[*H].Kind == TrackedHandle::Win32) {
          const auto *Create =
              dyn_cast_or_null<CallExpr>(skipWrappers(Binary->getRHS()));
          const model::HandleFunction *F = Api.handleFunction(Create);
          if (F && F->Op == model::HandleOp::CreateResult)
            set(S, *H, HandleState::Running, Binary, Create);
          else
            set(S, *H,
                isZero(Binary->getRHS()) ? HandleState::Empty
                                         : HandleState::Unknown,
                Binary);
          return;
        }
        if (H) {
          set(S, *H, HandleState::Unknown, Binary);
          return;
        }
        writeFlag(S, Binary->getLHS(),
                  Binary->getOpcode() == BO_Assign ? Binary->getRHS() : nullptr,
                  D);
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Binary->getLHS()->IgnoreParenImpCasts()))
          if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl())) {
            llvm::erase_if(S.CreateResults,
                           [&](const auto &P) { return P.first == Var; });
            if (std::optional<unsigned> Created =
                    createdBy(S, Binary->getRHS()))
              S.CreateResults.push_back({Var, *Created});
          }
      }
      return;
    }

    if (const auto *Unary = dyn_cast<UnaryOperator>(St)) {
      if (Unary->isIncrementDecrementOp())
        writeFlag(S, Unary->getSubExpr(), nullptr, D);
      return;
    }

    if (isa<CXXNewExpr, CXXThrowExpr>(St)) {
      exceptionPath(S, St, D);
      return;
    }

    if (const auto *Lambda = dyn_cast<LambdaExpr>(St)) {
      for (const LambdaCapture &Capture : Lambda->captures()) {
        if (Capture.capturesThis() && Config.Members)
          for (unsigned H = 0; H < R.Handles.size(); ++H)
            if (isa<FieldDecl>(R.Handles[H].Decl))
              set(S, H, HandleState::Unknown, Lambda);
        if (Capture.capturesVariable())
          if (std::optional<unsigned> H = handleOf(Capture.getCapturedVar()))
            set(S, *H, HandleState::Unknown, Lambda);
      }
      return;
    }

    if (isa<CXXThisExpr>(St) && Config.Members) {
      const Stmt *P = parentOf(St, D);
      if (!isa_and_nonnull<MemberExpr>(P))
        for (unsigned H = 0; H < R.Handles.size(); ++H)
          if (isa<FieldDecl>(R.Handles[H].Decl))
            set(S, H, HandleState::Unknown, St);
      return;
    }

    if (isa<DeclRefExpr, MemberExpr>(St)) {
      const auto *Ref = cast<Expr>(St);
      std::optional<unsigned> H = handleOf(Ref);
      if (const auto *Member = dyn_cast<MemberExpr>(St);
          Member && !isThisObject(Member->getBase()))
        H = std::nullopt;
      if (H && classify(Ref, *H, D) == Use::Escape)
        set(S, *H, HandleState::Unknown, St);
      return;
    }
  }

  //--- The walk
  //---------------------------------------------------------------//

  struct Frame {
    Data &D;
    unsigned Depth;
    std::vector<std::pair<const CFGBlock *, PathState>> Work;
    llvm::DenseMap<const CFGBlock *, std::vector<PathState>> Seen;
    std::vector<PathState> Exits;
  };

  bool walk(Data &D, PathState Entry, unsigned Depth,
            std::vector<PathState> &Exits) {
    Frame F{D, Depth, {}, {}, {}};
    enqueue(F, &D.Cfg->getEntry(), std::move(Entry));
    while (!F.Work.empty()) {
      auto [Block, S] = std::move(F.Work.back());
      F.Work.pop_back();
      if (++Steps > MaxSteps)
        return false;
      if (!block(F, Block, 0, std::move(S)))
        return false;
    }
    Exits = std::move(F.Exits);
    return true;
  }

  void enqueue(Frame &F, const CFGBlock *B, PathState S) {
    std::vector<PathState> &Seen = F.Seen[B];
    if (llvm::is_contained(Seen, S))
      return;
    Seen.push_back(S);
    F.Work.push_back({B, std::move(S)});
  }

  bool block(Frame &F, const CFGBlock *B, unsigned From, PathState S) {
    for (unsigned I = From; I < B->size(); ++I) {
      const CFGElement &E = (*B)[I];
      if (std::optional<CFGStmt> St = E.getAs<CFGStmt>()) {
        if (const FunctionDecl *Callee = inlinable(St->getStmt(), F.Depth)) {
          Data *CalleeData = A.data(Callee);
          if (CalleeData && CalleeData != &F.D) {
            std::vector<PathState> Results;
            forgetMemberFacts(S);
            if (!walk(*CalleeData, S, F.Depth + 1, Results))
              return false;
            for (PathState &Result : Results)
              if (!block(F, B, I + 1, std::move(Result)))
                return false;
            return true;
          }
        }
        transfer(S, St->getStmt(), F.D);
      } else if (std::optional<CFGAutomaticObjDtor> Dtor =
                     E.getAs<CFGAutomaticObjDtor>()) {
        endOfLife(S, Dtor->getVarDecl(), Dtor->getTriggerStmt(), F.D);
      } else if (std::optional<CFGInitializer> Init =
                     E.getAs<CFGInitializer>()) {
        // A constructor's member initializers: the members start empty.
        const CXXCtorInitializer *I = Init->getInitializer();
        if (std::optional<unsigned> H = handleOf(I->getMember());
            H && F.Depth == 0) {
          if (const CXXConstructExpr *Start = Api.threadStart(I->getInit()))
            set(S, *H, HandleState::Running, Start, Start);
          else
            set(S, *H, HandleState::Empty, I->getInit());
        }
      } else if (std::optional<CFGLifetimeEnds> End =
                     E.getAs<CFGLifetimeEnds>()) {
        endOfLife(S, End->getVarDecl(), End->getTriggerStmt(), F.D);
      }
    }
    if (B == &F.D.Cfg->getExit()) {
      if (!llvm::is_contained(F.Exits, S))
        F.Exits.push_back(S);
      return true;
    }
    const Expr *Cond = B->succ_size() == 2 ? B->getLastCondition() : nullptr;
    unsigned I = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const unsigned Branch = I++;
      const CFGBlock *Next = Succ.getReachableBlock();
      if (!Next)
        continue;
      PathState Copy = S;
      if (Cond && !refine(Copy, Cond, Branch == 0, F.D))
        continue;
      enqueue(F, Next, std::move(Copy));
    }
    return true;
  }

  HandleStateAnalysis &A;
  const ThreadApi &Api;
  const AnalysisConfig &Config;
  AnalysisResult &R;
  Data *TopData = nullptr;
  const CXXRecordDecl *Class = nullptr;
  llvm::DenseMap<const ValueDecl *, unsigned> Index;
  llvm::DenseMap<unsigned, llvm::SmallVector<const ValueDecl *, 2>> FactDecls;
  std::pair<const CXXConstructExpr *, HandleValue> PendingMove;
  unsigned Steps = 0;
};

AnalysisResult HandleStateAnalysis::run(const FunctionDecl *FD,
                                        const AnalysisConfig &Config) {
  AnalysisResult Result;
  if (!FD || FD->isDependentContext())
    return Result;
  FunctionData *D = data(FD);
  if (!D || D->HasErrors)
    return Result;
  PathWalker Walker(*this, Config, Result);
  Result.Complete = Walker.run(*D);
  if (!Result.Complete) {
    Result.Leaks.clear();
    Result.BadJoins.clear();
    Result.Overwrites.clear();
    Result.Detaches.clear();
  }
  return Result;
}

} // namespace clang::tidy::threadlife
