//===--- UnjoinedThreadCheck.cpp - threadlife -----------------------------===//

#include "UnjoinedThreadCheck.h"
#include "FlagOption.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/ParentWalks.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

// Every message says what goes wrong, then the fix in a few words; the
// self-joining thread only where the file has one.
std::string orMakeItJoining(const ASTContext &Ctx) {
  llvm::StringRef Joining = model::Advice(Ctx).joiningThread();
  return Joining.empty() ? "" : (", or make it a " + Joining).str();
}

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

/// A handle that reaches the end of its life still running on some path.
struct UnjoinedThreadCheck::Leak {
  unsigned Index;
  handles::TrackedHandle Handle;
  const Stmt *Start;
  /// Where the path leaves: a return, break, continue or goto, or the closing
  /// brace of the scope (Exit is then null and ExitLoc that brace).
  const Stmt *Exit;
  SourceLocation ExitLoc;
  /// Set when an exception thrown here destroys the handle.
  const Stmt *Thrower;
  /// The last branch taken on a flag that the thread itself writes.
  const Expr *Guard;
};

/// What the check asks of a walk: the leaks (first path for each handle,
/// start, way out), the assignments over a running thread, and which
/// handles some path joined, detached or lost track of.
class UnjoinedThreadCheck::Leaks : public handles::HandleObserver {
public:
  explicit Leaks(bool Exceptions) : Exceptions(Exceptions) {}

  std::vector<Leak> Found;
  std::vector<std::pair<handles::TrackedHandle, const Expr *>> Overwrites;
  std::vector<const Stmt *> OverwrittenStarts;
  llvm::SmallDenseSet<unsigned, 4> Detached;
  llvm::SmallDenseSet<unsigned, 4> Settled;

  bool wantsExceptions() const override { return Exceptions; }
  void lifeEnds(handles::HandleRef H, const handles::HandleValue &V,
                const Stmt *Exit, SourceLocation Loc) override {
    if (V.State == handles::HandleState::Running)
      add({H.Index, H.Handle, V.Start, Exit, Loc, nullptr, nullptr});
  }
  void thrown(handles::HandleRef H, const handles::HandleValue &V,
              const Stmt *Thrower) override {
    add({H.Index, H.Handle, V.Start, nullptr, SourceLocation(), Thrower,
         nullptr});
  }
  void returned(const handles::HandleSet &Handles,
                const handles::PathState &S) override {
    for (unsigned I = 0; I < Handles.size(); ++I)
      if (isa<FieldDecl>(Handles[I].Decl) &&
          S.Handles[I].State == handles::HandleState::Running)
        add({I, Handles[I], S.Handles[I].Start, nullptr, SourceLocation(),
             nullptr, S.Guard});
  }
  void assigned(handles::HandleRef H, const Expr *Assignment,
                const handles::HandleValue &Before) override {
    if (Before.State == handles::HandleState::Running &&
        llvm::none_of(Overwrites,
                      [&](const auto &O) { return O.second == Assignment; })) {
      Overwrites.push_back({H.Handle, Assignment});
      OverwrittenStarts.push_back(Before.Start);
    }
  }
  void detached(handles::HandleRef H, const Expr *,
                const handles::HandleValue &Before) override {
    if (Before.State == handles::HandleState::Running ||
        Before.State == handles::HandleState::Unknown)
      Detached.insert(H.Index);
  }
  void changed(handles::HandleRef H, handles::HandleState After) override {
    using handles::HandleState;
    if (After == HandleState::Joined || After == HandleState::Detached ||
        After == HandleState::Unknown)
      Settled.insert(H.Index);
  }

  /// Whether some path leaves \p Field running.
  bool leaks(const FieldDecl *Field) const {
    return llvm::any_of(Found,
                        [&](const Leak &L) { return L.Handle.Decl == Field; });
  }

private:
  void add(const Leak &L) {
    for (const Leak &Old : Found)
      if (Old.Index == L.Index && Old.Start == L.Start &&
          (Old.Thrower != nullptr) == (L.Thrower != nullptr) &&
          (Old.Guard != nullptr) == (L.Guard != nullptr))
        return;
    Found.push_back(L);
  }
  const bool Exceptions;
};

UnjoinedThreadCheck::UnjoinedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CheckExceptionPaths(
          readFlagOption(Options, *Context, Name, "CheckExceptionPaths", true)),
      ThreadTypes(Options.getLocalOrGlobal("ThreadTypes", "")),
      SelfJoiningTypes(Options.getLocalOrGlobal("SelfJoiningTypes", "")),
      Api(utils::options::parseStringList(ThreadTypes),
          utils::options::parseStringList(SelfJoiningTypes)) {}

void UnjoinedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CheckExceptionPaths",
                CheckExceptionPaths ? "true" : "false");
  Options.store(Opts, "ThreadTypes", ThreadTypes);
  Options.store(Opts, "SelfJoiningTypes", SelfJoiningTypes);
}

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  // Filter by type in the matchers, so that callbacks run on thread handles
  // only, and only in the user's code: every report is at the handle's
  // declaration, the temporary or the create call, and a report in a system
  // header is not shown.
  auto User = unless(isExpansionInSystemHeader());
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()), User,
                             hasHandleType(&Api))
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
  Finder->addMatcher(
      fieldDecl(User, hasThreadOrContainerType(&Api)).bind("field"), this);
  Finder->addMatcher(
      cxxConstructExpr(unless(argumentCountIs(0)), User, constructsThread(&Api))
          .bind("construct"),
      this);
  Finder->addMatcher(
      varDecl(hasStaticStorageDuration(), User, hasThreadType(&Api))
          .bind("static"),
      this);
}

void UnjoinedThreadCheck::registerPPCallbacks(const SourceManager &,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  this->PP = PP;
}

void UnjoinedThreadCheck::onEndOfTranslationUnit() {
  Analysis.reset();
  Done.clear();
  Ctx = nullptr;
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  if (!Analysis) {
    Ctx = Result.Context;
    Analysis = handles::HandleAnalysis::forTranslationUnit(*Ctx, Api, PP);
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("local")) {
    if (const auto *FD =
            dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod()))
      checkFunction(FD);
    return;
  }
  if (const auto *Create = Result.Nodes.getNodeAs<CallExpr>("create")) {
    checkDiscardedCreate(Create);
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
  if (!Analysis->run(Definition, handles::WalkOptions(), Found))
    return;
  reportOverwrites(Found);
  // One warning per handle: a path that leaves the scope, else an exception.
  llvm::SmallDenseSet<unsigned, 4> Reported;
  for (bool Exceptions : {false, true})
    for (const Leak &L : Found.Found)
      if ((L.Thrower != nullptr) == Exceptions && isa<VarDecl>(L.Handle.Decl) &&
          Reported.insert(L.Index).second)
        reportLeak(Found, L, Definition);
}

void UnjoinedThreadCheck::reportOverwrites(const Leaks &Found) {
  for (unsigned I = 0; I < Found.Overwrites.size(); ++I) {
    const auto &[H, Assignment] = Found.Overwrites[I];
    const model::ThreadClass *Class = H.Class;
    if (!Class || !Api.terminatesWhenJoinable(*Class, PP) ||
        Class->Destruction != model::JoinableDestruction::Terminates)
      continue;
    const auto *Op = cast<CXXOperatorCallExpr>(Assignment);
    diag(Op->getOperatorLoc(),
         "assigning to %0 while it may still be joinable calls std::terminate; "
         "join it before starting another thread")
        << H.Decl;
    if (const Stmt *Start = Found.OverwrittenStarts[I])
      diag(Start->getBeginLoc(), "thread started here", DiagnosticIDs::Note);
  }
}

std::optional<FixItHint>
UnjoinedThreadCheck::jthreadFix(const VarDecl *Var, const FunctionDecl *FD) {
  const LangOptions &Lang = Ctx->getLangOpts();
  const model::ThreadClass *Class = Api.threadClass(Var->getType());
  llvm::StringRef Replacement = Class ? Class->SelfJoiningReplacement : "";
  if (!Lang.CPlusPlus20 || Replacement.empty() ||
      !Api.threadStart(Var->getInit()))
    return std::nullopt;
  // A generic callable could take the stop token jthread passes.
  const Expr *Callable = ThreadApi::callableOf(Api.threadStart(Var->getInit()));
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

void UnjoinedThreadCheck::reportLeak(const Leaks &Found, const Leak &L,
                                     const FunctionDecl *FD) {
  using handles::TrackedHandle;
  const TrackedHandle &H = L.Handle;
  const auto *Var = cast<VarDecl>(H.Decl);
  auto Story = [&](llvm::StringRef Started, llvm::StringRef Leaves) {
    // A declaration that starts the thread tells that part itself.
    if (L.Start && L.Start->getBeginLoc() != Var->getLocation())
      diag(L.Start->getBeginLoc(), Started, DiagnosticIDs::Note);
    if (L.Thrower)
      diag(L.Thrower->getBeginLoc(),
           isa<CXXThrowExpr>(L.Thrower) ? "exception thrown here"
           : isa<CXXNewExpr>(L.Thrower) ? "allocation that may throw"
                                        : "call that may throw",
           DiagnosticIDs::Note);
    else if (L.ExitLoc.isValid())
      diag(L.ExitLoc, Leaves, DiagnosticIDs::Note);
  };

  if (H.Kind == TrackedHandle::Posix) {
    if (!L.Start || L.Thrower)
      return;
    diag(L.Start->getBeginLoc(),
         H.IsContainer
             ? "threads created here are neither joined nor detached on "
               "some path, so their resources are never freed; "
               "pthread_join or pthread_detach each of them"
             : "the thread created here is neither joined nor detached on "
               "some path, so its resources are never freed; pthread_join or "
               "pthread_detach it (or create it detached)");
    if (L.ExitLoc.isValid())
      diag(L.ExitLoc,
           "this path leaves the scope of %0 without pthread_join() or "
           "pthread_detach()",
           DiagnosticIDs::Note)
          << Var;
    return;
  }
  if (H.Kind == TrackedHandle::Win32) {
    if (!L.Start || L.Thrower)
      return;
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

  const model::ThreadClass &Class = *H.Class;
  if (Class.Destruction == model::JoinableDestruction::Joins)
    return;
  const bool Terminates = Api.terminatesWhenJoinable(Class, PP);
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
    Story("thread added here", "this path leaves the scope without joining "
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
    Story("thread started here", "this path leaves the scope without wait()");
    return;
  }
  if (!Terminates) {
    if (L.Thrower)
      return;
    diag(Var->getLocation(),
         "%0 may be destroyed while its thread runs: the destructor detaches "
         "it, and it outlives its owner; join it on every path")
        << Var;
    Story("thread started here",
          "this path leaves the scope without join() or detach()");
    return;
  }

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
                  << Var << orMakeItJoining(*Ctx)
            : diag(Var->getLocation(),
                   "if %0 throws, %1 is destroyed while joinable and "
                   "std::terminate is called; join it on the exception path "
                   "too%2")
                  << Name << Var << orMakeItJoining(*Ctx);
    if (Fix)
      Diag << *Fix;
  } else {
    auto Diag = diag(Var->getLocation(),
                     "%0 may be destroyed while joinable, which calls "
                     "std::terminate; join or detach it on every path%1")
                << Var << orMakeItJoining(*Ctx);
    if (Fix)
      Diag << *Fix;
  }
  Story("thread started here",
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

//===--- Members ----------------------------------------------------------===//

void UnjoinedThreadCheck::checkMember(const CXXRecordDecl *Record,
                                      const FieldDecl *Field) {
  if (Record->isDependentContext() || Record->isLambda() ||
      isa<ClassTemplateSpecializationDecl>(Record) ||
      !Record->isThisDeclarationADefinition())
    return;
  const bool IsContainer = Api.elementClass(Field->getType()) != nullptr;
  const model::ThreadClass *Class = IsContainer
                                        ? Api.elementClass(Field->getType())
                                        : Api.threadClass(Field->getType());
  if (!Class || !Api.terminatesWhenJoinable(*Class, PP) ||
      (IsContainer &&
       Class->Destruction != model::JoinableDestruction::Terminates))
    return;
  handles::MemberUses Uses = Analysis->members().uses(Record, Field);
  if (Uses.Starts.empty() || Uses.Escapes)
    return;
  // A join in an override of a base class's hook (gtest's TearDown, a
  // framework's stop()) runs when the framework says, before destruction.
  for (const Expr *Join : Uses.Joins)
    for (DynTypedNodeList Parents = Ctx->getParents(*Join); !Parents.empty();
         Parents = Ctx->getParents(Parents[0]))
      if (const auto *Method = Parents[0].get<CXXMethodDecl>()) {
        if (Method->size_overridden_methods() > 0)
          return;
        if (!Method->getParent()->isLambda())
          break;
      }
  // Only starts that leave the thread running when their function returns
  // (not `worker_ = std::thread(f); worker_.detach();`).
  llvm::erase_if(Uses.Starts, [&](const Expr *Start) {
    return !leavesRunning(Record, Field, Start);
  });
  if (Uses.Starts.empty())
    return;

  const CXXDestructorDecl *Dtor = Record->getDestructor();
  const FunctionDecl *DtorDef = Dtor ? Dtor->getDefinition() : nullptr;
  const bool Implicit = !Dtor || Dtor->isImplicit() || Dtor->isDefaulted();
  const Expr *Guard = nullptr;
  llvm::SmallPtrSet<const FieldDecl *, 4> GuardFlags;
  if (!Implicit) {
    if (!DtorDef || !DtorDef->getBody())
      return; // defined elsewhere
    handles::WalkOptions Walk;
    Walk.Locals = false;
    Walk.Members = true;
    Walk.MemberEntry = handles::HandleState::Running;
    Walk.InlineMemberCalls = true;
    Walk.GuardFields =
        Analysis->members().writtenByThreads(Record, Uses.Starts);
    GuardFlags = Walk.GuardFields;
    Walk.MemberStarts[Field] = Uses.Starts.front();
    Leaks Found(/*Exceptions=*/false);
    if (!Analysis->run(cast<FunctionDecl>(DtorDef), Walk, Found))
      return;
    std::optional<unsigned> Index;
    for (const Leak &L : Found.Found)
      if (L.Handle.Decl == Field) {
        Index = L.Index;
        if (L.Guard && !Guard)
          Guard = L.Guard;
      }
    if (!Index || (!Guard && Found.Settled.count(*Index)))
      return;
  }

  const std::string Owner = Record->getNameAsString();
  if (IsContainer)
    diag(Field->getLocation(),
         "the threads in %0 may still be joinable when '%1' is destroyed, "
         "which calls std::terminate; join them in the destructor")
        << Field << Owner;
  else if (Class->Destruction == model::JoinableDestruction::Aborts)
    diag(Field->getLocation(),
         "%0 may still be running when '%1' is destroyed, which aborts the "
         "program; quit() and wait() for it in the destructor")
        << Field << Owner;
  else
    diag(Field->getLocation(),
         "%0 may still be joinable when '%1' is destroyed, which calls "
         "std::terminate; join it in the destructor%2")
        << Field << Owner << orMakeItJoining(*Ctx);
  diag(Uses.Starts.front()->getBeginLoc(),
       IsContainer ? "thread added here" : "thread started here",
       DiagnosticIDs::Note);
  if (Guard) {
    // Name the flag the thread writes.
    const FieldDecl *Flag = nullptr;
    for (const BoundNodes &Node :
         match(findAll(memberExpr().bind("flag")), *Guard, *Ctx))
      if (const auto *F = dyn_cast<FieldDecl>(
              Node.getNodeAs<MemberExpr>("flag")->getMemberDecl());
          F && GuardFlags.count(F))
        Flag = F;
    diag(Guard->getBeginLoc(),
         "the join depends on %0, which the thread itself writes: the "
         "destructor can skip the join while the thread still runs",
         DiagnosticIDs::Note)
        << Flag;
  } else {
    SourceLocation Where = Implicit && (!Dtor || Dtor->isImplicit())
                               ? Record->getLocation()
                               : Dtor->getLocation();
    diag(Where, "the destructor of '%0' does not join %1", DiagnosticIDs::Note)
        << Owner << Field;
  }
}

bool UnjoinedThreadCheck::leavesRunning(const CXXRecordDecl *Record,
                                        const FieldDecl *Field,
                                        const Expr *Start) {
  const FunctionDecl *FD = nullptr;
  for (DynTypedNodeList Parents = Ctx->getParents(*Start); !Parents.empty();
       Parents = Ctx->getParents(Parents[0])) {
    if ((FD = Parents[0].get<FunctionDecl>()))
      break;
    if (Parents[0].get<LambdaExpr>() || Parents[0].get<CXXRecordDecl>())
      return true;
  }
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!Method || Method->getParent() != Record)
    return true;
  handles::WalkOptions Walk;
  Walk.Locals = false;
  Walk.Members = true;
  Leaks Found(/*Exceptions=*/false);
  return !Analysis->run(Method, Walk, Found) || Found.leaks(Field);
}

//===--- Temporaries, statics, discarded handles
//---------------------------===//

void UnjoinedThreadCheck::checkTemporary(const CXXConstructExpr *Construct) {
  const CXXConstructExpr *Start = Api.threadStart(Construct);
  if (Start != Construct)
    return;
  const model::ThreadClass *Class = Api.threadClass(Construct->getType());
  if (!Class || Class->Destruction != model::JoinableDestruction::Terminates)
    return;
  if (!discardedParent(Construct, *Ctx))
    return;
  diag(Construct->getBeginLoc(),
       "this temporary thread is destroyed while joinable at the end of the "
       "statement, which calls std::terminate; keep it in a variable and "
       "join it%0")
      << orMakeItJoining(*Ctx);
}

void UnjoinedThreadCheck::checkStatic(const VarDecl *Var) {
  const model::ThreadClass *Class = Api.threadClass(Var->getType());
  if (!Class || Class->Destruction != model::JoinableDestruction::Terminates ||
      Var->isStaticDataMember() ||
      Var->getDeclContext()->isDependentContext() ||
      Var->isThisDeclarationADefinition() != VarDecl::Definition)
    return;
  const Expr *Start = Api.threadStart(Var->getInit());
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
      if (const CXXConstructExpr *Assigned = Api.threadStart(Assign->getArg(1)))
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
