//===--- ExpressionsTest.cpp - looking through what wraps an expression ---===//

#include "utils/Expressions.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {
namespace {

constexpr llvm::StringLiteral Code = R"(
struct T { T(); T(const T &); T(T &&); };
template <class X> X &&move(X &x) { return static_cast<X &&>(x); }
void take(T);
void f(T t) {
  take((T)t);
  take(static_cast<T &&>(t));
}
)";

/// What \p Skip makes of the argument of the \p Index-th call to take() (or,
/// with \p Inside, of what that argument's copy or move is made from).
std::string skipped(const Expr *(*Skip)(const Expr *), unsigned Index,
                    bool Inside = false) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
  auto Calls = match(
      functionDecl(
          hasName("f"),
          forEachDescendant(
              callExpr(callee(functionDecl(hasName("take")))).bind("call"))),
      AST->getASTContext());
  EXPECT_GT(Calls.size(), Index);
  const auto *Call = Calls[Index].getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (Inside)
    Arg = cast<CXXConstructExpr>(Arg->IgnoreImplicit())->getArg(0);
  const Expr *E = Skip(Arg);
  return E ? E->getStmtClassName() : "null";
}

TEST(Expressions, SkipWrappersStopsAtCopiesAndMoves) {
  EXPECT_STREQ(skipped(skipWrappers, 0).c_str(), "CXXConstructExpr");
  EXPECT_STREQ(skipped(skipWrappers, 1).c_str(), "CXXConstructExpr");
  // An rvalue cast is a move, not a wrapper: the handle analysis needs it.
  EXPECT_STREQ(skipped(skipWrappers, 1, /*Inside=*/true).c_str(),
               "CXXStaticCastExpr");
}

TEST(Expressions, SkipCopiesFindsTheObjectCopiedOrMoved) {
  EXPECT_STREQ(skipped(skipCopies, 0).c_str(), "DeclRefExpr");
  EXPECT_STREQ(skipped(skipCopies, 1).c_str(), "DeclRefExpr");
}

TEST(Expressions, NullStaysNull) {
  EXPECT_EQ(skipWrappers(nullptr), nullptr);
  EXPECT_EQ(skipCopies(nullptr), nullptr);
}

} // namespace
} // namespace clang::tidy::threadlife
