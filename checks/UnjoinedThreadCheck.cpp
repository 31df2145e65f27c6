//===--- UnjoinedThreadCheck.cpp - threadlife -----------------------------===//

#include "UnjoinedThreadCheck.h"
#include "FlagOption.h"
#include "UnjoinedThreadLeaks.h"
#include "utils/Expressions.h"
#include "utils/NamedDecls.h"
#include "utils/ParentWalks.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

std::string throwerName(const Stmt *S) {
  const FunctionDecl *Callee = nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Callee = Call->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    Callee = Construct->getConstructor();
  if (!Callee)
    return "";
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee))
    return "the constructor of '" + Ctor->getParent()->getNameAsString() + "'";
  return "'" + Callee->getNameAsString() + "'";
}

const Stmt *discardedParent(const Expr *E, ASTContext &Ctx) {
  const Stmt *Child = E;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      return nullptr;
    const auto *P = Parents[0].get<Stmt>();
    if (!P)
      return nullptr;
    if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(P)) {
      Child = P;
      continue;
    }
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(P);
        Cast && Cast->getType()->isVoidType())
      return Cast;
    if (isa<CompoundStmt>(P))
      return P;
    return nullptr;
  }
}

} // namespace

UnjoinedThreadCheck::UnjoinedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : HandleCheck(Name, Context),
      CheckExceptionPaths(
          readFlagOption(Options, *Context, Name, "CheckExceptionPaths", true)),
      ExceptionPathsFromAnyCall(readFlagOption(
          Options, *Context, Name, "ExceptionPathsFromAnyCall", false)) {}

void UnjoinedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  HandleCheck::storeOptions(Opts);
  Options.store(Opts, "CheckExceptionPaths",
                CheckExceptionPaths ? "true" : "false");
  Options.store(Opts, "ExceptionPathsFromAnyCall",
                ExceptionPathsFromAnyCall ? "true" : "false");
}

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  // Filter by type in the matchers, so that callbacks run on thread handles
  // only, and only in the user's code: every report is at the handle's
  // declaration, the temporary or the create call, and a report in a system
  // header is not shown.
  auto User = unless(isExpansionInSystemHeader());
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()), User,
                             hasHandleType(&api()))
                         .bind("local"),
                     this);
  // The creates whose result is the handle (Win32); pthread_create's handle
  // is an argument, followed through the locals matched above.
  Finder->addMatcher(
      callExpr(User,
               callee(functionDecl(model::cApiFunction(
                   model::handleFunctionNames(model::HandleOp::CreateResult)))))
          .bind("create"),
      this);
  Finder->addMatcher(fieldDecl(User, holdsThreadObjects(&api())).bind("field"),
                     this);
  Finder->addMatcher(cxxConstructExpr(unless(argumentCountIs(0)), User,
                                      constructsThread(&api()))
                         .bind("construct"),
                     this);
  Finder->addMatcher(
      varDecl(hasStaticStorageDuration(), User, hasThreadType(&api()))
          .bind("static"),
      this);
}

void UnjoinedThreadCheck::onEndOfTranslationUnit() {
  HandleCheck::onEndOfTranslationUnit();
  Done.clear();
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  analysis(*Result.Context);
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("local")) {
    if (const auto *FD =
            dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod()))
      checkFunction(FD);
    return;
  }
  if (const auto *Create = Result.Nodes.getNodeAs<CallExpr>("create")) {
    checkDiscardedCreate(Create);
    checkStoredCreate(Create);
    if (const FunctionDecl *FD = enclosingFunction(*Create, *Ctx))
      checkFunction(FD);
    return;
  }
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent()))
      checkMember(Record, Field);
    return;
  }
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    checkTemporary(Construct);
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static"))
    checkStatic(Var);
}

//===--- Locals -----------------------------------------------------------===//

void UnjoinedThreadCheck::checkFunction(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->isDependentContext() || !Done.insert(FD).second)
    return;
  const FunctionDecl *Definition = FD->getDefinition();
  if (!Definition || !Done.insert(Definition).second)
    if (Definition != FD)
      return;
  // A noexcept function: an exception ends the process anyway.
  const auto *Proto = Definition->getType()->getAs<FunctionProtoType>();
  Leaks Found(CheckExceptionPaths && !(Proto && Proto->isNothrow()));
  handles::WalkOptions Walk;
  Walk.StrictExceptions = ExceptionPathsFromAnyCall;
  if (!analysis(*Ctx).run(Definition, Walk, Found))
    return;
  reportOverwrites(Found);
  for (const Leaks::Overwrite &D : Found.Destructions)
    if (D.Handle.Class && api().terminatesWhenJoinable(*D.Handle.Class, PP) &&
        isa<VarDecl>(D.Handle.Decl) && !joinsWhenDestroyed(D.Handle.Decl))
      reportDestruction(D.Handle.Decl, D.Assignment, D.Start);
  // One warning per handle: a path that leaves the scope, else an exception.
  llvm::SmallDenseSet<unsigned, 4> Reported;
  for (bool Exceptions : {false, true})
    for (const Leak &L : Found.Found)
      if ((L.Thrower != nullptr) == Exceptions && isa<VarDecl>(L.Handle.Decl) &&
          !endsWithProcess(L, *Definition) &&
          !joinsWhenDestroyed(L.Handle.Decl) && Reported.insert(L.Index).second)
        reportLeak(Found, L, Definition);
  if (Definition->isMain())
    return; // the process ends with main: nothing leaks
  for (const Leaks::UnclosedHandle &U : Found.Unclosed) {
    const auto *Var = dyn_cast<VarDecl>(U.Handle);
    if (!Var || !Reported.insert(U.Index).second)
      continue;
    if (Definition->getBody()->getSourceRange().fullyContains(
            U.Wait->getSourceRange()) ||
        !Var->getInit()) {
      diag(U.Wait->getBeginLoc(),
           "the thread handle %0 is waited on here but never closed on some "
           "path, and leaks; CloseHandle it after the wait")
          << U.Handle;
      continue;
    }
    // Waited on in a function it is passed to: reported where it is made.
    diag(Var->getInit()->getBeginLoc(),
         "the thread handle %0 is waited on but never closed on some path, "
         "and leaks; CloseHandle it after the wait")
        << U.Handle;
    diag(U.Wait->getBeginLoc(), "waited on here", DiagnosticIDs::Note);
  }
}

// A pthread or Win32 handle left when main() returns: the process ends, and
// its threads with it; nothing leaks. (A std::thread's destructor still
// runs, and terminates.)
bool UnjoinedThreadCheck::endsWithProcess(const Leak &L,
                                          const FunctionDecl &FD) {
  if (!FD.isMain() || L.Handle.Kind == handles::TrackedHandle::Object ||
      L.Thrower)
    return false;
  if (L.Exit)
    return isa<ReturnStmt>(L.Exit);
  return L.ExitLoc.isValid() && L.ExitLoc == FD.getBodyRBrace();
}

// Whether \p Body waits for the thread of `this`, directly or in a member
// function it calls on `this`.
static bool waitsForThis(const Stmt *Body, const model::ThreadClass &Class,
                         unsigned Depth) {
  if (!Body)
    return false;
  for (const Stmt *Child : Body->children())
    if (waitsForThis(Child, Class, Depth))
      return true;
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Body);
  if (!Call || !isThisObject(Call->getImplicitObjectArgument()))
    return false;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return false;
  if (llvm::is_contained(Class.JoinMethods, Method->getName()))
    return true;
  const FunctionDecl *Definition = Method->getDefinition();
  return Depth > 0 && Definition &&
         waitsForThis(Definition->getBody(), Class, Depth - 1);
}

// A subclass of a thread class whose own destructor waits for its thread
// (`~Worker() override { quit(); wait(); }`), or may (its body is not
// visible): destroying one joins it.
bool UnjoinedThreadCheck::joinsWhenDestroyed(const ValueDecl *Handle) {
  const CXXRecordDecl *Record = api().heldRecord(Handle->getType());
  const model::ThreadClass *Class = api().threadClass(Record);
  if (!Record || !Class || ThreadApi::isNamed(Record, {Class->Name}) ||
      !Record->hasDefinition())
    return false;
  bool Joins = false;
  auto Check = [&](const CXXRecordDecl *R) {
    const CXXDestructorDecl *Dtor = R->getDestructor();
    if (Joins || ThreadApi::isNamed(R, {Class->Name}) || !Dtor ||
        !Dtor->isUserProvided())
      return true;
    const FunctionDecl *Definition = Dtor->getDefinition();
    Joins = !Definition || !Definition->getBody() ||
            waitsForThis(Definition->getBody(), *Class, 2);
    return true;
  };
  Check(Record);
  Record->forallBases(Check);
  return Joins;
}

void UnjoinedThreadCheck::reportOverwrites(const Leaks &Found) {
  for (const Leaks::Overwrite &O : Found.Overwrites) {
    if (O.Handle.Kind == handles::TrackedHandle::Filled) {
      const model::CThreadApi &C = model::cThreadApi(O.Handle.Library);
      diag(O.Assignment->getBeginLoc(),
           "a thread is created into %0 while it may still hold a thread that "
           "is neither joined nor detached: that thread's resources are never "
           "freed; %1 or %2 it first")
          << O.Handle.Decl << C.Join << C.Release;
      if (O.Start && O.Start != O.Assignment)
        diag(O.Start->getBeginLoc(), "thread started here",
             DiagnosticIDs::Note);
      continue;
    }
    const model::ThreadClass *Class = O.Handle.Class;
    if (!Class || !api().terminatesWhenJoinable(*Class, PP) ||
        Class->Destruction != model::JoinableDestruction::Terminates)
      continue;
    const auto *Op = cast<CXXOperatorCallExpr>(O.Assignment);
    // Assigning the pointer itself is seen as the destruction of the object
    // it held; `*p = std::thread(...)` assigns that object.
    const Expr *Target = Op->getArg(0);
    if (O.Handle.isPointer() && skipDereference(Target) == skipWrappers(Target))
      continue;
    diag(Op->getOperatorLoc(),
         "assigning to %0 while it may still be joinable calls std::terminate; "
         "join it before starting another thread")
        << O.Handle.Decl;
    if (O.Start)
      diag(O.Start->getBeginLoc(), "thread started here", DiagnosticIDs::Note);
  }
}

void UnjoinedThreadCheck::reportDestruction(const ValueDecl *Handle,
                                            const Expr *Where,
                                            const Stmt *Start) {
  const char *Verb = isa<CXXDeleteExpr>(Where)       ? "deleting"
                     : isa<CXXMemberCallExpr>(Where) ? "resetting"
                                                     : "assigning to";
  const model::ThreadClass *Class =
      api().threadClass(api().heldRecord(Handle->getType()));
  if (Class && Class->Destruction == model::JoinableDestruction::Aborts)
    diag(Where->getExprLoc(),
         "%0 %1 destroys a thread object whose thread may still be running, "
         "which aborts the program; quit() and wait() for it first")
        << Verb << Handle;
  else
    diag(Where->getExprLoc(),
         "%0 %1 destroys a thread object that may still be joinable, which "
         "calls std::terminate; join it first")
        << Verb << Handle;
  if (Start)
    diag(Start->getBeginLoc(), "thread started here", DiagnosticIDs::Note);
}

std::optional<FixItHint>
UnjoinedThreadCheck::jthreadFix(const VarDecl *Var, const FunctionDecl *FD) {
  const LangOptions &Lang = Ctx->getLangOpts();
  const model::ThreadClass *Class = api().threadClass(Var->getType());
  llvm::StringRef Replacement = Class ? Class->SelfJoiningReplacement : "";
  if (!Lang.CPlusPlus20 || Replacement.empty() ||
      !api().threadStart(Var->getInit()))
    return std::nullopt;
  // A generic callable could take the stop token jthread passes.
  const Expr *Callable = api().callableOf(api().threadStart(Var->getInit()));
  if (const auto *Lambda =
          dyn_cast_or_null<LambdaExpr>(Callable->IgnoreParenImpCasts());
      Lambda && Lambda->isGenericLambda())
    return std::nullopt;
  // Every use must compile with jthread and none may detach.
  for (const BoundNodes &Node :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("use")),
             *FD->getBody(), *Ctx)) {
    const Stmt *Use = Node.getNodeAs<DeclRefExpr>("use");
    DynTypedNodeList Parents = Ctx->getParents(*Use);
    while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
      Parents = Ctx->getParents(Parents[0]);
    const auto *Member =
        Parents.empty() ? nullptr : Parents[0].get<MemberExpr>();
    const auto *Method =
        Member ? dyn_cast<CXXMethodDecl>(Member->getMemberDecl()) : nullptr;
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained(model::selfJoiningCompatibleMethods(),
                            Method->getName()))
      return std::nullopt;
  }
  TypeLoc Loc = Var->getTypeSourceInfo()
                    ? Var->getTypeSourceInfo()->getTypeLoc()
                    : TypeLoc();
  if (Loc.isNull())
    return std::nullopt;
  CharSourceRange Range = CharSourceRange::getTokenRange(Loc.getSourceRange());
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  llvm::StringRef Text =
      Lexer::getSourceText(Range, Ctx->getSourceManager(), Lang);
  if (Text != "std::thread" && Text != "::std::thread")
    return std::nullopt;
  return FixItHint::CreateReplacement(Range, Replacement);
}

// The notes of a leak: where the thread started (unless the declaration
// does), then where the path leaves or what throws.
void UnjoinedThreadCheck::story(const Leak &L, llvm::StringRef Started,
                                llvm::StringRef Leaves) {
  if (L.Start && L.Start->getBeginLoc() != L.Handle.Decl->getLocation())
    diag(L.Start->getBeginLoc(), Started, DiagnosticIDs::Note);
  if (L.Thrower)
    diag(L.Thrower->getBeginLoc(),
         isa<CXXThrowExpr>(L.Thrower) ? "exception thrown here"
         : isa<CXXNewExpr>(L.Thrower) ? "allocation that may throw"
                                      : "call that may throw",
         DiagnosticIDs::Note);
  else if (L.ExitLoc.isValid())
    diag(L.ExitLoc, Leaves, DiagnosticIDs::Note);
}

// A C thread handle (pthread_t, a Win32 HANDLE, a GThread *): its resources
// leak.
void UnjoinedThreadCheck::reportHandleLeak(const Leak &L) {
  using handles::TrackedHandle;
  const TrackedHandle &H = L.Handle;
  if (!L.Start || L.Thrower)
    return;
  const auto *Var = cast<VarDecl>(H.Decl);
  const model::CThreadApi &C = model::cThreadApi(H.Library);
  if (H.Library == model::CThreadLibrary::Win32) {
    diag(L.Start->getBeginLoc(),
         "the thread handle returned here is neither waited on nor closed on "
         "some path, and leaks; wait for the thread and CloseHandle it");
    if (L.ExitLoc.isValid())
      diag(L.ExitLoc,
           "this path leaves the scope of %0 without waiting on or closing "
           "it",
           DiagnosticIDs::Note)
          << Var;
    return;
  }
  if (H.IsContainer)
    diag(L.Start->getBeginLoc(),
         "threads created here are neither joined nor detached on some path, "
         "so their resources are never freed; %0 or %1 each of them")
        << C.Join << C.Release;
  else
    diag(L.Start->getBeginLoc(),
         "the thread created here is neither joined nor detached on some "
         "path, so its resources are never freed; %0 or %1 it%2")
        << C.Join << C.Release
        << (H.Library == model::CThreadLibrary::Posix
                ? " (or create it detached)"
                : "");
  if (L.ExitLoc.isValid())
    diag(L.ExitLoc, "this path leaves the scope of %0 without %1() or %2()",
         DiagnosticIDs::Note)
        << Var << C.Join << C.Release;
}

void UnjoinedThreadCheck::reportLeak(const Leaks &Found, const Leak &L,
                                     const FunctionDecl *FD) {
  using handles::TrackedHandle;
  const TrackedHandle &H = L.Handle;
  const auto *Var = cast<VarDecl>(H.Decl);
  if (H.Kind != TrackedHandle::Object) {
    reportHandleLeak(L);
    return;
  }
  const model::ThreadClass &Class = *H.Class;
  if (Class.Destruction == model::JoinableDestruction::Joins)
    return;
  const bool Terminates = api().terminatesWhenJoinable(Class, PP);
  if (H.IsContainer) {
    if (!Terminates)
      return;
    if (L.Thrower) {
      std::string Name = throwerName(L.Thrower);
      diag(Var->getLocation(),
           "if %0 throws, the threads in %1 are destroyed while joinable and "
           "std::terminate is called; join them on the exception path too")
          << (Name.empty() ? "this call" : Name) << Var;
    } else {
      diag(Var->getLocation(),
           "threads in %0 may be destroyed while joinable, which calls "
           "std::terminate; join every thread on every path")
          << Var;
    }
    story(L, "thread added here",
          "this path leaves the scope without joining "
          "them");
    return;
  }

  if (Class.Destruction == model::JoinableDestruction::Aborts) {
    if (L.Thrower)
      return;
    diag(Var->getLocation(),
         "%0 may be destroyed while its thread runs, which aborts the "
         "program; call quit() and wait() on every path")
        << Var;
    story(L, "thread started here",
          "this path leaves the scope without wait()");
    return;
  }
  if (!Terminates) {
    if (L.Thrower)
      return;
    diag(Var->getLocation(),
         "%0 may be destroyed while its thread runs: the destructor detaches "
         "it, and it outlives its owner; join it on every path")
        << Var;
    story(L, "thread started here",
          "this path leaves the scope without join() or detach()");
    return;
  }

  reportTerminatingLeak(Found, L, FD);
}

void UnjoinedThreadCheck::reportTerminatingLeak(const Leaks &Found,
                                                const Leak &L,
                                                const FunctionDecl *FD) {
  const auto *Var = cast<VarDecl>(L.Handle.Decl);
  std::optional<FixItHint> Fix =
      !Found.Detached.count(L.Index) ? jthreadFix(Var, FD) : std::nullopt;
  if (L.Thrower) {
    std::string Name = throwerName(L.Thrower);
    auto Diag =
        Name.empty()
            ? diag(Var->getLocation(),
                   "if an exception is thrown here, %0 is destroyed while "
                   "joinable and std::terminate is called; join it on the "
                   "exception path too%1")
                  << Var << model::Advice(*Ctx).orJoiningThread()
            : diag(Var->getLocation(),
                   "if %0 throws, %1 is destroyed while joinable and "
                   "std::terminate is called; join it on the exception path "
                   "too%2")
                  << Name << Var << model::Advice(*Ctx).orJoiningThread();
    if (Fix)
      Diag << *Fix;
  } else {
    auto Diag = diag(Var->getLocation(),
                     "%0 may be destroyed while joinable, which calls "
                     "std::terminate; join or detach it on every path%1")
                << Var << model::Advice(*Ctx).orJoiningThread();
    if (Fix)
      Diag << *Fix;
  }
  story(L, "thread started here",
        "this path leaves the scope without join() or detach()");
  if (Fix)
    diag(Var->getLocation(),
         "std::jthread requests stop and joins in its destructor: the thread "
         "must return for the scope to end",
         DiagnosticIDs::Note);
  else if (llvm::StringRef Joining = model::Advice(*Ctx).joiningThread();
           !Joining.empty())
    diag(Var->getLocation(), "%0 (or a join on this path) would join it",
         DiagnosticIDs::Note)
        << Joining;
}

//===--- Temporaries, statics, discarded handles
//---------------------------===//

void UnjoinedThreadCheck::checkTemporary(const CXXConstructExpr *Construct) {
  const CXXConstructExpr *Start = api().threadStart(Construct);
  if (Start != Construct)
    return;
  const model::ThreadClass *Class = api().threadClass(Construct->getType());
  if (!Class || Class->Destruction != model::JoinableDestruction::Terminates)
    return;
  if (!discardedParent(Construct, *Ctx))
    return;
  diag(Construct->getBeginLoc(),
       "this temporary thread is destroyed while joinable at the end of the "
       "statement, which calls std::terminate; keep it in a variable and "
       "join it%0")
      << model::Advice(*Ctx).orJoiningThread();
}

void UnjoinedThreadCheck::checkStatic(const VarDecl *Var) {
  const model::ThreadClass *Class = api().threadClass(Var->getType());
  if (!Class || Class->Destruction != model::JoinableDestruction::Terminates ||
      Var->isStaticDataMember() ||
      Var->getDeclContext()->isDependentContext() ||
      Var->isThisDeclarationADefinition() != VarDecl::Definition)
    return;
  const Expr *Start = api().threadStart(Var->getInit());
  for (const BoundNodes &Node :
       match(traverse(
                 TK_AsIs,
                 translationUnitDecl(forEachDescendant(
                     declRefExpr(to(varDecl(equalsNode(Var)))).bind("use")))),
             *Ctx->getTranslationUnitDecl(), *Ctx)) {
    const auto *Use = Node.getNodeAs<DeclRefExpr>("use");
    DynTypedNodeList Parents = Ctx->getParents(*Use);
    while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
      Parents = Ctx->getParents(Parents[0]);
    const Stmt *P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(P)) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
      if (Method && Method->getIdentifier() &&
          (llvm::is_contained(Class->JoinableQueries, Method->getName()) ||
           (llvm::is_contained(Class->InertMethods, Method->getName()) &&
            Method->getName() != model::swapMethod())))
        continue;
      return; // joined, detached or otherwise handled
    }
    if (const auto *Assign = dyn_cast_or_null<CXXOperatorCallExpr>(P);
        Assign && Assign->getOperator() == OO_Equal &&
        Assign->getNumArgs() == 2 &&
        Assign->getArg(0)->IgnoreParenImpCasts() == Use) {
      if (const CXXConstructExpr *Assigned =
              api().threadStart(Assign->getArg(1)))
        Start = Start ? Start : Assigned;
      continue;
    }
    return;
  }
  if (!Start)
    return;
  diag(Var->getLocation(),
       "%0 has static storage and nothing joins it: its destructor at exit "
       "calls std::terminate while the thread runs; join it before main "
       "returns, or use %1")
      << Var << model::recommendedDaemon();
  diag(Start->getBeginLoc(), "thread started here", DiagnosticIDs::Note);
}

void UnjoinedThreadCheck::checkDiscardedCreate(const CallExpr *Call) {
  if (!discardedParent(Call, *Ctx))
    return;
  diag(Call->getBeginLoc(),
       "the thread handle returned here is discarded: it can never be waited "
       "on or closed, and leaks; keep it, wait for the thread and CloseHandle "
       "it");
}

} // namespace clang::tidy::threadlife
