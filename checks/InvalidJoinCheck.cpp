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
}

void InvalidJoinCheck::onEndOfTranslationUnit() {
  HandleCheck::onEndOfTranslationUnit();
  Done.clear();
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

} // namespace

void InvalidJoinCheck::check(const MatchFinder::MatchResult &Result) {
  analysis(*Result.Context);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    checkFunction(FD);
}

void InvalidJoinCheck::checkFunction(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->isDependentContext() || !Done.insert(FD).second)
    return;
  handles::WalkOptions Walk;
  Walk.Members = true;
  Walk.MemberEntry = handles::HandleState::Unknown;
  Walk.InlineMemberCalls = true;
  BadJoins Found;
  if (!analysis(*Ctx).run(FD, Walk, Found))
    return;
  for (const BadJoin &Bad : Found.Found)
    report(Bad);
}

void InvalidJoinCheck::report(const BadJoin &Bad) {
  using handles::HandleState;
  using handles::TrackedHandle;
  const TrackedHandle &H = Bad.Handle;
  if (H.IsContainer)
    return;
  const SourceLocation Loc = Bad.Call->getExprLoc();
  const char *Prior = "";
  const char *Event = "";
  switch (Bad.Prior) {
  case HandleState::Joined:
    Prior = "already be joined";
    Event = H.Kind == TrackedHandle::Win32 ? "waited for here" : "joined here";
    break;
  case HandleState::Detached:
    Prior = H.Kind == TrackedHandle::Win32 ? "already be closed"
                                           : "already be detached";
    Event = H.Kind == TrackedHandle::Win32 ? "closed here" : "detached here";
    break;
  case HandleState::MovedFrom:
    Prior = "have been moved from";
    Event = "moved from here";
    break;
  case HandleState::Empty:
    Prior = "never have been started";
    Event = H.Kind == TrackedHandle::Object
                ? "declared here without a thread"
                : "declared here; no thread is created into it on this path";
    break;
  default:
    return;
  }
  const llvm::StringRef Op = Bad.IsDetach ? "detach" : "join";

  switch (H.Kind) {
  case TrackedHandle::Object:
    // Waiting twice for a QThread is harmless; the std and Boost threads
    // throw when they are not joinable.
    if (!H.Class || H.Class->Destruction == model::JoinableDestruction::Aborts)
      return;
    diag(Loc, "%0 may %1 here: %2() on a thread that is not joinable throws "
              "std::system_error; %2 a thread once, or check joinable() "
              "first")
        << H.Decl << Prior << Op;
    break;
  case TrackedHandle::Posix:
    diag(Loc, "%0 may %1 here: pthread_%2 on it is undefined behaviour (the "
              "ID may name another thread by now); %2 each thread exactly "
              "once")
        << H.Decl << Prior << Op;
    break;
  case TrackedHandle::Win32:
    // Waiting twice on a thread handle is fine; using it after closing it
    // is not.
    if (Bad.Prior != HandleState::Detached)
      return;
    diag(Loc, "%0 may %1 here: using a closed handle is an error, and the "
              "value may name another object by now; close the handle once, "
              "after the last wait")
        << H.Decl << Prior;
    break;
  }
  if (Bad.PriorEvent)
    diag(Bad.PriorEvent->getBeginLoc(), Event, DiagnosticIDs::Note);
}

} // namespace clang::tidy::threadlife
