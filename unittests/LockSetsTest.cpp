//===--- LockSetsTest.cpp - the mutexes held where a statement runs -------===//

#include "utils/LockSets.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {
namespace {

constexpr llvm::StringLiteral Mutexes = R"(
namespace std {
struct mutex { void lock(); void unlock(); void AssertHeld(); };
template <class M> struct lock_guard { explicit lock_guard(M &); ~lock_guard(); };
}
std::mutex a, b;
bool flag;
struct OwnLock {
  explicit OwnLock(std::mutex *m) : m(m) { m->lock(); }
  ~OwnLock() { m->unlock(); }
  std::mutex *m;
};
struct LocksOnly {
  explicit LocksOnly(std::mutex *m) { m->lock(); }
};
)";

/// The names of the mutexes held at the read of `flag` in f(), or taken
/// after it.
std::vector<std::string> atRead(llvm::StringRef Body, bool After) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      (Mutexes + "bool f() {" + Body + "}").str(), {"-std=c++17"});
  auto Found = match(
      functionDecl(hasName("f"),
                   forEachDescendant(
                       declRefExpr(to(varDecl(hasName("flag")))).bind("read")))
          .bind("f"),
      AST->getASTContext());
  EXPECT_EQ(Found.size(), 1u);
  const auto &Read = *Found[0].getNodeAs<Stmt>("read");
  const auto &F = *Found[0].getNodeAs<FunctionDecl>("f");
  MutexSet Held = After ? mutexesTakenAfter(Read, F) : mutexesHeldAt(Read, F);
  std::vector<std::string> Names;
  for (const ValueDecl *D : Held)
    Names.push_back(D->getNameAsString());
  llvm::sort(Names);
  return Names;
}

std::vector<std::string> heldAtRead(llvm::StringRef Body) {
  return atRead(Body, /*After=*/false);
}

TEST(LockSets, AGuardStandsForTheMutexItWasBuiltWith) {
  EXPECT_EQ(heldAtRead("std::lock_guard<std::mutex> g(a); return flag;"),
            std::vector<std::string>{"a"});
}

TEST(LockSets, AProjectGuardIsKnownByWhatItDoes) {
  EXPECT_EQ(heldAtRead("OwnLock g(&b); return flag;"),
            std::vector<std::string>{"b"});
  EXPECT_TRUE(heldAtRead("LocksOnly g(&b); return flag;").empty());
}

TEST(LockSets, LockCallsEarlierInEnclosingBlocksCount) {
  EXPECT_EQ(heldAtRead("a.lock(); { b.lock(); return flag; }"),
            (std::vector<std::string>{"a", "b"}));
}

TEST(LockSets, AnAssertionThatTheCallerHoldsItCounts) {
  EXPECT_EQ(heldAtRead("a.AssertHeld(); return flag;"),
            std::vector<std::string>{"a"});
}

TEST(LockSets, LocksAfterTheStatementOrInOtherBlocksDoNot) {
  EXPECT_TRUE(
      heldAtRead("{ a.lock(); } bool v = flag; b.lock(); return v;").empty());
}

TEST(LockSets, LocksTakenAfterTheStatement) {
  EXPECT_EQ(atRead("bool v = flag; { std::lock_guard<std::mutex> g(a); } "
                   "if (v) b.lock(); return v;",
                   /*After=*/true),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(atRead("a.lock(); return flag;", /*After=*/true).empty());
}

} // namespace
} // namespace clang::tidy::threadlife
