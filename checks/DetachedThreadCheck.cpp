//===--- DetachedThreadCheck.cpp - threadlife -----------------------------===//

#include "DetachedThreadCheck.h"
#include "FlagOption.h"
#include "utils/Expressions.h"
#include "utils/Loops.h"
#include "utils/NamedDecls.h"
#include "utils/ParentWalks.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {

// A variable that lives in the frame of the function that declares it: a
// reference or a static lives elsewhere.
bool inFrame(const ValueDecl *D) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  return Var && Var->hasLocalStorage() && !Var->getType()->isReferenceType();
}

// Whether objects of \p Record are never destroyed: its destructor is
// deleted, or always ends the process (a singleton that must outlive every
// thread, like leveldb's PosixEnv). A thread holding 'this' cannot outlive
// such an object.
bool immortal(const CXXRecordDecl *Record) {
  const CXXDestructorDecl *Dtor = Record ? Record->getDestructor() : nullptr;
  if (!Dtor)
    return false;
  if (Dtor->isDeleted())
    return true;
  const FunctionDecl *Definition = Dtor->getDefinition();
  const auto *Body = Definition
                         ? dyn_cast_or_null<CompoundStmt>(Definition->getBody())
                         : nullptr;
  if (!Body)
    return false;
  for (const Stmt *S : Body->body())
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isNoReturn())
        return true;
  return false;
}

// The class whose 'this' the code at \p S uses.
const CXXRecordDecl *thisClass(const Stmt *S, ASTContext &Ctx) {
  for (DynTypedNodeList Parents = Ctx.getParents(*S); !Parents.empty();
       Parents = Ctx.getParents(Parents[0]))
    if (const auto *Method = Parents[0].get<CXXMethodDecl>())
      if (!Method->getParent()->isLambda())
        return Method->getParent();
  return nullptr;
}

} // namespace

DetachedThreadCheck::DetachedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : HandleCheck(Name, Context),
      StrictMode(readFlagOption(Options, *Context, Name, "StrictMode", false)) {
}

void DetachedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  HandleCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode ? "true" : "false");
}

void DetachedThreadCheck::registerMatchers(MatchFinder *Finder) {
  // Only detaches of a thread in the user's code (a report in a system header
  // is not shown): the enclosing function comes from the parent map, built
  // only for files that detach one.
  Finder->addMatcher(
      cxxMemberCallExpr(
          unless(isExpansionInSystemHeader()),
          callee(cxxMethodDecl(hasAnyName(model::detachMethodNames()))),
          onThread(&api()), forFunction(functionDecl().bind("function")))
          .bind("detach"),
      this);
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              callee(functionDecl(model::cApiFunction(
                                  model::detachFunctionNames()))),
                              forFunction(functionDecl().bind("function")))
                         .bind("detach"),
                     this);
}

void DetachedThreadCheck::onEndOfTranslationUnit() {
  HandleCheck::onEndOfTranslationUnit();
  Done.clear();
  Reported.clear();
}

void DetachedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  analysis(*Result.Context);
  const auto *Detach = Result.Nodes.getNodeAs<CallExpr>("detach");
  // `std::thread(f, std::ref(x)).detach()`: the start is right there.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Detach)) {
    const CXXRecordDecl *Class = Member->getRecordDecl();
    if (!Class || !api().threadClass(Class))
      return;
    if (const CXXConstructExpr *Start =
            api().threadStart(Member->getImplicitObjectArgument())) {
      if (!checkStart(Detach, Start))
        strict(Detach);
      return;
    }
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    checkFunction(FD);
  strict(Detach);
}

namespace {

// Every detach of a thread that may be running, with the start of the thread
// it detaches on some path (null when the path does not know it).
class Detaches : public handles::HandleObserver {
public:
  struct Site {
    const ValueDecl *Handle;
    const Expr *Call;
    const Stmt *Start;
  };
  std::vector<Site> Found;

  void detached(handles::HandleRef H, const Expr *Call,
                const handles::HandleValue &Before) override {
    using handles::HandleState;
    if (Before.State != HandleState::Running &&
        Before.State != HandleState::Unknown)
      return;
    const Stmt *Start =
        Before.State == HandleState::Running ? Before.Start : nullptr;
    if (llvm::none_of(Found, [&](const Site &S) {
          return S.Call == Call && S.Start == Start;
        }))
      Found.push_back({H.Handle.Decl, Call, Start});
  }
};

} // namespace

void DetachedThreadCheck::checkFunction(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->isDependentContext() || !Done.insert(FD).second)
    return;
  handles::WalkOptions Walk;
  Walk.Members = true;
  Walk.MemberEntry = handles::HandleState::Unknown;
  Detaches Sites;
  if (!analysis(*Ctx).run(FD, Walk, Sites))
    return;
  for (const Detaches::Site &Site : Sites.Found) {
    if (Site.Start) {
      checkStart(Site.Call, dyn_cast<Expr>(Site.Start));
      continue;
    }
    // A member started elsewhere in its class: every start counts.
    const auto *Field = dyn_cast<FieldDecl>(Site.Handle);
    const auto *Record =
        Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
    if (!Record)
      continue;
    for (const Expr *Start :
         analysis(*Ctx).members().uses(Record, Field).Starts)
      if (checkStart(Site.Call, Start))
        break;
  }
}

namespace {

/// What a detached thread reaches in its starter's frame: a local (\p What;
/// null for the object behind `this`), how, and where the thread gets it.
struct Reach {
  const NamedDecl *What;
  llvm::StringRef How;
  SourceLocation Where;
  /// What is a smart pointer whose raw pointer the thread holds: it may free
  /// the object (reset, or its own end) while the thread runs.
  bool Owner = false;
};

// The local of the caller's frame whose address \p Arg takes: `&local`.
const ValueDecl *addressedLocal(const Expr *Arg) {
  const auto *Addr = dyn_cast<UnaryOperator>(Arg);
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const ValueDecl *Local = namedDecl(Addr);
  return inFrame(Local) ? Local : nullptr;
}

bool isSmartPointer(QualType T) {
  return model::isClassOneOf(T, model::owningPointers());
}

// `owner.get()` of a smart pointer that is a local or a global: the thread
// gets the object, not a share of its ownership.
std::optional<Reach> rawPointerReach(const Expr *Arg) {
  const auto *Get = dyn_cast<CXXMemberCallExpr>(Arg);
  const CXXMethodDecl *Method = Get ? Get->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      Method->getName() != model::ownedPointerMethod())
    return std::nullopt;
  // libstdc++'s shared_ptr::get is its base's: look past the cast to it.
  const Expr *Owner = Get->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const auto *Var = dyn_cast_or_null<VarDecl>(namedDecl(Owner));
  if (!isSmartPointer(Owner->getType()) || !Var ||
      (!inFrame(Var) && !Var->hasGlobalStorage()))
    return std::nullopt;
  return Reach{Var, "", Arg->getBeginLoc(), /*Owner=*/true};
}

// A functor built from a local it keeps by reference or pointer:
// `Worker w(local); std::thread(w)` with `struct Worker { int &state; }`.
std::optional<Reach> functorReach(const Expr *Callable) {
  Callable = skipCopies(Callable);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callable))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && inFrame(Var) && Var->getInit())
      Callable = skipCopies(Var->getInit());
  const auto *Construct = dyn_cast<CXXConstructExpr>(Callable);
  const CXXRecordDecl *Record =
      Construct ? Construct->getType()->getAsCXXRecordDecl() : nullptr;
  if (!Record || Record->isLambda() || !Record->hasDefinition() ||
      llvm::none_of(Record->fields(), [](const FieldDecl *Field) {
        return Field->getType()->isReferenceType() ||
               Field->getType()->isPointerType();
      }))
    return std::nullopt;
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams();
       ++I) {
    const QualType Param = Ctor->getParamDecl(I)->getType();
    const Expr *Arg = skipCopies(Construct->getArg(I));
    const ValueDecl *Local = namedDecl(Arg);
    if (Param->isReferenceType() &&
        !Param.getNonReferenceType().isConstQualified() && inFrame(Local))
      return Reach{Local, "is kept by reference in the thread's callable",
                   Arg->getBeginLoc()};
    if (const ValueDecl *Addressed = addressedLocal(Arg);
        Param->isPointerType() && Addressed)
      return Reach{Addressed, "is kept by address in the thread's callable",
                   Arg->getBeginLoc()};
  }
  return std::nullopt;
}

// pthread_create(&t, attr, start, &local)
// The argument a C create call gives its start routine: &local, a local
// array.
std::optional<Reach> contextReach(const CallExpr &Create,
                                  const ThreadApi &Api) {
  const Expr *Arg = Api.contextOf(&Create);
  if (!Arg)
    return std::nullopt;
  Arg = skipCopies(Arg);
  if (const ValueDecl *Local = addressedLocal(Arg))
    return Reach{Local, "is passed to it by address", Arg->getBeginLoc()};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
      Ref && Ref->getType()->isArrayType() && inFrame(Ref->getDecl()))
    return Reach{Ref->getDecl(), "is passed to it by address",
                 Arg->getBeginLoc()};
  return std::nullopt;
}

// A lambda capturing `this` or a local by reference (held in a local: its
// definition is looked at).
std::optional<Reach> lambdaReach(const Expr *Callable) {
  Callable = skipCopies(Callable);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Callable))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->getInit())
      Callable = skipCopies(Var->getInit());
  const auto *Lambda = dyn_cast<LambdaExpr>(Callable);
  if (!Lambda)
    return std::nullopt;
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (Capture.capturesThis() && Capture.getCaptureKind() == LCK_This)
      return Reach{nullptr, "", Capture.getLocation()};
    if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef &&
        inFrame(Capture.getCapturedVar()))
      return Reach{Capture.getCapturedVar(), "its lambda captures by reference",
                   Capture.getLocation()};
  }
  return std::nullopt;
}

// An argument after the callable: `this`, std::ref(local), &local,
// owner.get().
std::optional<Reach> argumentReach(const Expr *Arg) {
  Arg = skipCopies(Arg);
  if (std::optional<Reach> R = rawPointerReach(Arg))
    return R;
  if (isa<CXXThisExpr>(Arg))
    return Reach{nullptr, "", Arg->getBeginLoc()};
  if (const auto *Call = dyn_cast<CallExpr>(Arg)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Call->getNumArgs() == 1 &&
        ThreadApi::isNamed(Callee, model::referenceWrappers())) {
      const Expr *Wrapped = skipCopies(Call->getArg(0));
      if (isa<CXXThisExpr>(Wrapped))
        return Reach{nullptr, "", Arg->getBeginLoc()};
      const ValueDecl *Named = namedDecl(Wrapped);
      if (inFrame(Named))
        return Reach{Named, "is passed to it by std::ref", Arg->getBeginLoc()};
      if (isa_and_nonnull<FieldDecl>(Named))
        return Reach{nullptr, "", Arg->getBeginLoc()};
    }
  }
  if (const ValueDecl *Local = addressedLocal(Arg))
    return Reach{Local, "is passed to it by address", Arg->getBeginLoc()};
  return std::nullopt;
}

std::optional<Reach> threadReach(const Expr *Start, const ThreadApi &Api) {
  // The thread object's constructor arguments: the callable, then its own.
  llvm::ArrayRef<const Expr *> Args;
  if (const CallExpr *Factory = Api.threadFactoryCall(Start))
    Args = {Factory->getArgs(), Factory->getNumArgs()};
  else if (const auto *Fill = dyn_cast<CXXMemberCallExpr>(Start)) {
    // A thread added to a container: `threads.emplace_back(f, args...)`
    // constructs it from the arguments, `push_back(std::thread(...))` is
    // given it.
    if (!Api.elementClass(Fill->getImplicitObjectArgument()->getType()) ||
        Fill->getNumArgs() == 0)
      return std::nullopt;
    if (const CXXConstructExpr *Thread = Api.threadStart(Fill->getArg(0)))
      return threadReach(Thread, Api);
    Args = {Fill->getArgs(), Fill->getNumArgs()};
  } else if (const auto *Create = dyn_cast<CallExpr>(Start))
    return contextReach(*Create, Api);
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Start))
    Args = {Construct->getArgs(), Construct->getNumArgs()};
  if (Args.empty())
    return std::nullopt;
  if (std::optional<Reach> R = lambdaReach(Args[0]))
    return R;
  if (std::optional<Reach> R = functorReach(Args[0]))
    return R;
  for (const Expr *Arg : Args.drop_front())
    if (std::optional<Reach> R = argumentReach(Arg))
      return R;
  return std::nullopt;
}

} // namespace

/// The locals of the starter's frame that \p S names.
void frameLocals(const Stmt *S, llvm::SmallPtrSetImpl<const ValueDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S);
      Ref && inFrame(Ref->getDecl()))
    Out.insert(Ref->getDecl());
  for (const Stmt *Child : S->children())
    frameLocals(Child, Out);
}

// The starter waits for the thread after detaching it: a later loop of its
// function decides on a local it gave the thread (`while (processed)
// yield();`, the thread counting down as it finishes). The thread's uses of
// the frame then end before the frame does, as far as can be told.
bool waitsForThread(const Expr &Detach, const Expr &Start, ASTContext &Ctx) {
  const FunctionDecl *F = enclosingFunction(Detach, Ctx);
  if (!F || !F->getBody())
    return false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Given;
  frameLocals(&Start, Given);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Stmt *Loop : loopsOf(*F->getBody())) {
    if (!SM.isBeforeInTranslationUnit(Detach.getEndLoc(), Loop->getBeginLoc()))
      continue;
    llvm::SmallPtrSet<const ValueDecl *, 4> Read;
    for (const Stmt *Decider : loopDeciders(*Loop))
      frameLocals(Decider, Read);
    if (llvm::any_of(Read, [&](const ValueDecl *D) { return Given.count(D); }))
      return true;
  }
  return false;
}

bool DetachedThreadCheck::checkStart(const Expr *Detach, const Expr *Start) {
  if (!Start || Reported.count(Detach))
    return Reported.count(Detach);
  std::optional<Reach> R = threadReach(Start, api());
  if (!R || (!R->What && immortal(thisClass(Start, *Ctx))) ||
      waitsForThread(*Detach, *Start, *Ctx))
    return false;
  Reported.insert(Detach);
  const SourceLocation Loc = Detach->getExprLoc();
  const auto *Create = dyn_cast<CallExpr>(Start);
  const bool Posix = Create && api().handleFunction(Create);
  if (R->Owner)
    diag(Loc, "the detached thread is given a raw pointer into the object %0 "
              "owns: nothing keeps the object alive while the thread runs, "
              "and %0 frees it when reset or destroyed; pass the smart "
              "pointer itself (a shared_ptr by value), or join the thread "
              "instead of detaching it")
        << R->What;
  else if (R->What)
    diag(Loc, "the detached thread may outlive %0, which %1: once the "
              "caller returns, the thread uses a dead stack frame; %2, or "
              "join the thread instead of detaching it")
        << R->What << R->How
        << (Posix ? "give it an argument it owns (allocated, and freed by "
                    "the thread)"
                  : "pass it by value");
  else
    diag(Loc, "the detached thread may outlive the object it reaches "
              "through 'this': nothing keeps the object alive while the "
              "thread runs; capture what it needs by value (or a "
              "shared_ptr), or join the thread instead of detaching it");
  diag(R->Where, "used by the thread here", DiagnosticIDs::Note);
  if (Start->getBeginLoc() != R->Where)
    diag(Start->getBeginLoc(), "thread started here", DiagnosticIDs::Note);
  return true;
}

void DetachedThreadCheck::strict(const Expr *Detach) {
  if (!StrictMode || !Reported.insert(Detach).second)
    return;
  diag(Detach->getExprLoc(),
       "a detached thread runs without cleanup until it returns or the "
       "process ends, and nothing can wait for it; join it, or run it as a "
       "%0, which is stopped and joined at exit")
      << model::recommendedDaemon();
}

} // namespace clang::tidy::threadlife
