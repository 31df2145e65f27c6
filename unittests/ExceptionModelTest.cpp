//===--- ExceptionModelTest.cpp - which code may throw --------------------===//

#include "utils/ExceptionModel.h"
#include "HandleFixture.h"

namespace clang::tidy::threadlife {
namespace {

// Whether the model takes the call to \p Callee in f() to throw.
bool callThrows(llvm::StringRef Code, llvm::StringRef Callee,
                bool Strict = false) {
  handles::Parsed P(Code);
  using namespace ast_matchers;
  auto Calls = match(
      functionDecl(
          hasName("f"),
          forEachDescendant(
              callExpr(callee(functionDecl(hasName(Callee)))).bind("call"))),
      P.context());
  EXPECT_EQ(Calls.size(), 1u) << Callee.str();
  ExceptionModel Model(P.Api, P.context());
  return Model.mayThrow(Calls[0].getNodeAs<CallExpr>("call"), Strict);
}

constexpr llvm::StringLiteral Code = R"(
void opaque();
void quiet() noexcept;
extern "C" void c_function();
void visible() { quiet(); }
void throws() { throw 1; }
void catches() { try { throw 1; } catch (...) {} }
void indirect() { throws(); }
void f() {
  opaque(); quiet(); c_function(); visible(); throws(); catches(); indirect();
}
)";

TEST(ExceptionModelTest, WhatMayThrow) {
  EXPECT_FALSE(callThrows(Code, "opaque")); // nothing says it throws,
  EXPECT_TRUE(callThrows(Code, "opaque", /*Strict=*/true)); // nor that not
  EXPECT_FALSE(callThrows(Code, "quiet"));                  // noexcept
  EXPECT_FALSE(callThrows(Code, "c_function"));
  EXPECT_FALSE(callThrows(Code, "visible")); // its body cannot throw
  EXPECT_TRUE(callThrows(Code, "throws"));
  EXPECT_FALSE(callThrows(Code, "catches")); // caught inside
  EXPECT_TRUE(callThrows(Code, "indirect"));
}

TEST(ExceptionModelTest, ThreadMembersDoNotThrow) {
  EXPECT_FALSE(callThrows("void f(std::thread &t) { t.join(); }", "join"));
}

} // namespace
} // namespace clang::tidy::threadlife
