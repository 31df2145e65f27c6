//===--- InvalidJoinCheck.cpp - threadlife --------------------------------===//

#include "InvalidJoinCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

InvalidJoinCheck::InvalidJoinCheck(StringRef Name, ClangTidyContext *Context)
    : HandleCheck(Name, Context) {}

void InvalidJoinCheck::registerMatchers(MatchFinder *Finder) {
  // Only functions that join or detach a thread are walked, and only in the
  // user's code (a report in a system header is not shown): the enclosing
  // function comes from the parent map, built only for files that do.
  Finder->addMatcher(
      cxxMemberCallExpr(
          unless(isExpansionInSystemHeader()),
          callee(cxxMethodDecl(hasAnyName(model::joinOrDetachMethodNames()))),
          onThread(&api()), forFunction(functionDecl().bind("function"))),
      this);
  std::vector<llvm::StringRef> Functions =
      model::handleFunctionNames(model::HandleOp::Join);
  for (llvm::StringRef Detach :
       model::handleFunctionNames(model::HandleOp::Detach))
    Functions.push_back(Detach);
  Finder->addMatcher(
      callExpr(unless(isExpansionInSystemHeader()),
               callee(functionDecl(model::cApiFunction(Functions))),
               forFunction(functionDecl().bind("function"))),
      this);
  // Local objects whose class holds threads: the walk follows them through
  // their constructor, the methods called on them and their destructor.
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()),
                             unless(isExpansionInSystemHeader()),
                             hasType(cxxRecordDecl(
                                 has(fieldDecl(holdsThreadObjects(&api()))))))
                         .bind("receiver"),
                     this);
  // Local pointers to structs that hold C handles (`info = calloc(...)`,
  // then `pthread_create(&info->tid, ...)`): the walk follows the fields
  // through the functions the pointer is passed to.
  Finder->addMatcher(
      varDecl(hasLocalStorage(), unless(parmVarDecl()),
              unless(isExpansionInSystemHeader()),
              hasType(pointerType(
                  pointee(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
                      recordDecl(has(fieldDecl(hasHandleType(&api())))))))))))
          .bind("receiver"),
      this);
  // Destructors of classes that hold threads: an object that a constructor
  // starting none of them made is destroyed with them empty.
  Finder->addMatcher(
      cxxDestructorDecl(
          isDefinition(), unless(isExpansionInSystemHeader()),
          ofClass(cxxRecordDecl(has(fieldDecl(holdsThreadObjects(&api()))))))
          .bind("dtor"),
      this);
}

void InvalidJoinCheck::onEndOfTranslationUnit() {
  HandleCheck::onEndOfTranslationUnit();
  Done.clear();
  Reported.clear();
}

namespace {

// The joins and detaches of handles that are not joinable, first path each.
class BadJoins : public handles::HandleObserver {
public:
  std::vector<InvalidJoinCheck::BadJoin> Found;

  void joined(handles::HandleRef H, const Expr *Call,
              const handles::HandleValue &Before) override {
    add(H, Call, /*IsDetach=*/false, Before);
  }
  void detached(handles::HandleRef H, const Expr *Call,
                const handles::HandleValue &Before) override {
    add(H, Call, /*IsDetach=*/true, Before);
  }

private:
  void add(handles::HandleRef H, const Expr *Call, bool IsDetach,
           const handles::HandleValue &Before) {
    using handles::HandleState;
    if (!llvm::is_contained({HandleState::Empty, HandleState::Joined,
                             HandleState::Detached, HandleState::MovedFrom},
                            Before.State) ||
        llvm::any_of(Found, [&](const InvalidJoinCheck::BadJoin &B) {
          return B.Call == Call;
        }))
      return;
    Found.push_back({H.Handle, Call, IsDetach, Before.State, Before.Event});
  }
};

// The C function a join or detach calls, as the message names it.
llvm::StringRef calleeName(const Expr *Call) {
  const auto *C = dyn_cast<CallExpr>(Call);
  const FunctionDecl *Callee = C ? C->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() ? Callee->getName() : "";
}

} // namespace

void InvalidJoinCheck::check(const MatchFinder::MatchResult &Result) {
  analysis(*Result.Context);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    checkFunction(FD);
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("receiver"))
    checkReceiver(Var);
  if (const auto *Dtor = Result.Nodes.getNodeAs<CXXDestructorDecl>("dtor"))
    checkDestructor(Dtor);
}

void InvalidJoinCheck::checkFunction(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->isDependentContext() || !Done.insert(FD).second)
    return;
  handles::WalkOptions Walk;
  Walk.Members = true;
  Walk.MemberEntry = handles::HandleState::Unknown;
  Walk.InlineMemberCalls = true;
  walk(FD, Walk);
}

// `Engine e; if (early) e.kill();` and then ~Engine() kills again: a join
// that only the object's life as a whole shows. A struct reached through a
// local pointer is followed from its allocation (`calloc`) on.
void InvalidJoinCheck::checkReceiver(const VarDecl *Var) {
  const auto *FD =
      dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!FD || !FD->hasBody() || FD->isDependentContext())
    return;
  if (!Var->getType()->isPointerType()) {
    const CXXRecordDecl *Record = Var->getType()->getAsCXXRecordDecl();
    if (!Record || Record->isDependentContext() || !Record->hasDefinition())
      return;
    // In a method of the object's own class, `this` is another object of it.
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD);
        Method &&
        Method->getParent()->getCanonicalDecl() == Record->getCanonicalDecl())
      return;
  }
  handles::WalkOptions Walk;
  Walk.Locals = false;
  Walk.Receiver = Var;
  Walk.InlineMemberCalls = true;
  walk(FD, Walk);
}

std::vector<InvalidJoinCheck::BadJoin>
InvalidJoinCheck::badJoins(const FunctionDecl *FD,
                           const handles::WalkOptions &Walk) {
  BadJoins Found;
  if (!analysis(*Ctx).run(FD, Walk, Found))
    return {};
  return std::move(Found.Found);
}

void InvalidJoinCheck::walk(const FunctionDecl *FD,
                            const handles::WalkOptions &Walk) {
  for (const BadJoin &Bad : badJoins(FD, Walk))
    if (Reported.insert(Bad.Call).second)
      report(Bad);
}

namespace {

/// How a report words the prior state: "may <Prior> here", and the note at
/// the event that left it. Empty for a state a join cannot go wrong in.
struct PriorWords {
  const char *Prior = nullptr;
  const char *Event = nullptr;
};

PriorWords priorWords(const InvalidJoinCheck::BadJoin &Bad, bool Win32) {
  using handles::HandleState;
  switch (Bad.Prior) {
  case HandleState::Joined:
    return {"already be joined", Win32 ? "waited for here" : "joined here"};
  case HandleState::Detached:
    return {Win32 ? "already be closed" : "already be detached",
            Win32 ? "closed here" : "detached here"};
  case HandleState::MovedFrom:
    return {"have been moved from", "moved from here"};
  case HandleState::Empty:
    return {"never have been started",
            Bad.Handle.Kind == handles::TrackedHandle::Object
                ? "declared here without a thread"
                : "declared here; no thread is created into it on this "
                  "path"};
  default:
    return {};
  }
}

} // namespace

void InvalidJoinCheck::report(const BadJoin &Bad) {
  const handles::TrackedHandle &H = Bad.Handle;
  if (H.IsContainer)
    return;
  const bool Win32 = H.Kind == handles::TrackedHandle::Returned &&
                     H.Library == model::CThreadLibrary::Win32;
  const PriorWords Words = priorWords(Bad, Win32);
  if (!Words.Prior || !diagnose(Bad, Words.Prior, Win32) || !Bad.PriorEvent)
    return;
  if (!noteSelfDetach(Bad))
    diag(Bad.PriorEvent->getBeginLoc(), Words.Event, DiagnosticIDs::Note);
}

bool InvalidJoinCheck::diagnose(const BadJoin &Bad, const char *Prior,
                                bool Win32) {
  using handles::HandleState;
  using handles::TrackedHandle;
  const TrackedHandle &H = Bad.Handle;
  const SourceLocation Loc = Bad.Call->getExprLoc();
  const llvm::StringRef Op = Bad.IsDetach ? "detach" : "join";
  switch (H.Kind) {
  case TrackedHandle::Object:
    // Waiting twice for a QThread or a Poco::Thread is harmless; the std and
    // Boost threads throw when they are not joinable.
    if (!H.Class || !H.Class->JoinThrowsUnlessJoinable)
      return false;
    diag(Loc, "%0 may %1 here: %2() on a thread that is not joinable throws "
              "std::system_error; %2 a thread once, or check joinable() "
              "first")
        << H.Decl << Prior << Op;
    return true;
  case TrackedHandle::Filled:
    diag(Loc, "%0 may %1 here: %2 on it is undefined behaviour (the ID may "
              "name another thread by now); %3 each thread exactly once")
        << H.Decl << Prior << calleeName(Bad.Call) << Op;
    return true;
  case TrackedHandle::Returned:
    if (!Win32) {
      if (Bad.Prior == HandleState::Empty && !Bad.IsDetach &&
          model::cThreadApi(H.Library).JoinRejectsNull) {
        diag(Loc, "%0 may %1 here: %2 on a null handle is an error; join "
                  "only a thread that was created")
            << H.Decl << Prior << model::cThreadApi(H.Library).Join;
        return true;
      }
      if (Bad.Prior != HandleState::Joined &&
          Bad.Prior != HandleState::Detached)
        return false;
      diag(Loc, "%0 may %1 here: %2 frees the thread, so using the handle "
                "again is a use after free; join or detach each thread "
                "exactly once")
          << H.Decl << Prior
          << (Bad.Prior == HandleState::Joined
                  ? model::cThreadApi(H.Library).Join
                  : model::cThreadApi(H.Library).Release);
      return true;
    }
    // Waiting twice on a thread handle is fine; using it after closing it
    // is not.
    if (Bad.Prior != HandleState::Detached)
      return false;
    diag(Loc, "%0 may %1 here: using a closed handle is an error, and the "
              "value may name another object by now; close the handle once, "
              "after the last wait")
        << H.Decl << Prior;
    return true;
  }
  return false;
}

bool InvalidJoinCheck::noteSelfDetach(const BadJoin &Bad) {
  const auto *Create = dyn_cast<CallExpr>(Bad.PriorEvent);
  const model::HandleFunction *HF = api().handleFunction(Create);
  if (Bad.Prior != handles::HandleState::Detached || !HF || !HF->StartArg ||
      Create->getNumArgs() <= *HF->StartArg)
    return false;
  const auto *Start =
      dyn_cast_or_null<FunctionDecl>(namedDecl(Create->getArg(*HF->StartArg)));
  if (!Start)
    return false;
  diag(Create->getBeginLoc(),
       "the thread detaches itself: %0 detaches the thread it runs on",
       DiagnosticIDs::Note)
      << Start;
  return true;
}

} // namespace clang::tidy::threadlife
