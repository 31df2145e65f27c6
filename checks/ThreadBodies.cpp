//===--- ThreadBodies.cpp - the functions a file runs on threads ----------===//

#include "ThreadBodies.h"
#include "model/ThreadModel.h"
#include "utils/Callables.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

void ThreadBodies::registerMatchers(MatchFinder *Finder,
                                    MatchFinder::MatchCallback *Callback) {
  std::vector<llvm::StringRef> Classes = Types.api().startingClassNames(),
                               Functions;
  for (const model::ThreadStart &Start : model::threadStarts())
    if (!Start.IsType)
      Functions.push_back(Start.Name);
  Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(
                                          cxxRecordDecl(hasAnyName(Classes))))),
                                      argumentCountAtLeast(1))
                         .bind("threadBodies.start"),
                     Callback);
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Functions))))
                         .bind("threadBodies.call"),
                     Callback);
  // Calls to a wrapper of the file that passes its start routine on to a C
  // create (ThreadApi::handleFunction tells which argument it is).
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasBody(hasDescendant(callExpr(callee(
                   functionDecl(model::cApiFunction(model::handleFunctionNames(
                       model::HandleOp::CreateIntoArg))))))))))
          .bind("threadBodies.wrapperCall"),
      Callback);
  Finder->addMatcher(model::qtThreadRunDefinition().bind("threadBodies.qtRun"),
                     Callback);
}

bool ThreadBodies::collect(const MatchFinder::MatchResult &Result) {
  auto Add = [&](const Expr *Callable, const Expr *Start) {
    const FunctionDecl *F = callableBody(Callable);
    if (F && !F->isDependentContext())
      Bodies.insert({F, Start});
  };
  const BoundNodes &Nodes = Result.Nodes;
  if (const auto *Start =
          Nodes.getNodeAs<CXXConstructExpr>("threadBodies.start")) {
    if (Types.api().threadStart(Start))
      Add(Start->getArg(0), Start);
    return true;
  }
  if (const auto *Call = Nodes.getNodeAs<CallExpr>("threadBodies.call")) {
    for (const model::ThreadStart &S : model::threadStarts())
      if (!S.IsType && model::isOneOf(Call->getDirectCallee(), {S.Name}) &&
          S.CallableArg < Call->getNumArgs())
        Add(Call->getArg(S.CallableArg), Call);
    return true;
  }
  if (const auto *Call =
          Nodes.getNodeAs<CallExpr>("threadBodies.wrapperCall")) {
    if (const Expr *Callable = Types.api().callableOf(Call))
      Add(Callable, Call);
    return true;
  }
  if (const auto *Run = Nodes.getNodeAs<CXXMethodDecl>("threadBodies.qtRun")) {
    Bodies.insert({Run, nullptr});
    return true;
  }
  return false;
}

} // namespace clang::tidy::threadlife
