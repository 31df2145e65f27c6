//===--- BranchFactsTest.cpp - what a branch tells a path -----------------===//

#include "handles/BranchFacts.h"
#include "HandleFixture.h"

namespace clang::tidy::threadlife::handles {
namespace {

// The condition of the only if statement in \p Name.
const Expr *condition(Parsed &P, llvm::StringRef Name) {
  using namespace ast_matchers;
  auto Found =
      match(functionDecl(hasName(Name), forEachDescendant(ifStmt().bind("if"))),
            P.context());
  EXPECT_EQ(Found.size(), 1u);
  return Found[0].getNodeAs<IfStmt>("if")->getCond();
}

TEST(BranchFactsTest, ConditionAtoms) {
  Parsed P(
      "void a(int x) { if (!x) {} } void b(int x) { if (x == 0) {} }"
      "void c(int x) { if (0 != x) {} } void d(int x) { if (!(x != 0)) {} }");
  for (auto [Name, Polarity] : {std::pair{"a", false}, std::pair{"b", false},
                                std::pair{"c", true}, std::pair{"d", false}}) {
    auto [Atom, P2] = conditionAtom(condition(P, Name));
    EXPECT_TRUE(isa<DeclRefExpr>(Atom)) << Name;
    EXPECT_EQ(P2, Polarity) << Name;
  }
}

TEST(BranchFactsTest, AFlagBranchIsRememberedAndContradictionsPruned) {
  Parsed P("void f(bool done) { if (done) {} }");
  const FunctionDecl *F = P.function("f");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  const FunctionFacts *Facts = Cache.get(F);
  ASSERT_TRUE(Facts);
  HandleSet None;
  WalkOptions Options;
  BranchFacts Branches(P.context(), None, Options);
  const Expr *Cond = condition(P, "f");
  PathState S;
  EXPECT_TRUE(Branches.refine(S, Cond, /*Outcome=*/true, *Facts));
  EXPECT_EQ(S.Facts.size(), 1u);
  PathState Again = S;
  EXPECT_TRUE(Branches.refine(Again, Cond, true, *Facts));
  EXPECT_EQ(Again, S); // the same key: one fact
  EXPECT_FALSE(Branches.refine(S, Cond, /*Outcome=*/false, *Facts));
}

// Each member is a fact of its own, apart from the object it is read from:
// `if (a)` then `if (!b)` in a method, `if (p)` then `if (!p->b)`.
TEST(BranchFactsTest, MembersAreFactsOfTheirOwn) {
  using namespace ast_matchers;
  Parsed P("struct S { bool a, b; void f(); };"
           "void S::f() { if (a) {} if (b) {} }"
           "void g(S *p) { if (p) {} if (p->b) {} }");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  HandleSet None;
  WalkOptions Options;
  BranchFacts Branches(P.context(), None, Options);
  for (const char *Name : {"f", "g"}) {
    auto Ifs = match(functionDecl(hasName(Name), isDefinition(),
                                  forEachDescendant(ifStmt().bind("if"))),
                     P.context());
    ASSERT_EQ(Ifs.size(), 2u) << Name;
    const auto *F = match(functionDecl(hasName(Name), isDefinition())
                              .bind("f"),
                          P.context())[0]
                        .getNodeAs<FunctionDecl>("f");
    const FunctionFacts *Facts = Cache.get(F);
    ASSERT_TRUE(Facts);
    PathState S;
    EXPECT_TRUE(Branches.refine(S, Ifs[0].getNodeAs<IfStmt>("if")->getCond(),
                                true, *Facts));
    EXPECT_TRUE(Branches.refine(S, Ifs[1].getNodeAs<IfStmt>("if")->getCond(),
                                false, *Facts))
        << Name;
    EXPECT_EQ(S.Facts.size(), 2u) << Name;
  }
}

TEST(BranchFactsTest, AnAliasedLocalIsNoFlag) {
  Parsed P("void g(bool *); void f() { bool done = false; g(&done);"
           " if (done) {} }");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  const FunctionFacts *Facts = Cache.get(P.function("f"));
  HandleSet None;
  WalkOptions Options;
  BranchFacts Branches(P.context(), None, Options);
  PathState S;
  EXPECT_TRUE(Branches.refine(S, condition(P, "f"), true, *Facts));
  EXPECT_TRUE(Branches.refine(S, condition(P, "f"), false, *Facts));
  EXPECT_TRUE(S.Facts.empty());
}

TEST(BranchFactsTest, AFailedCreateLeavesTheHandleEmpty) {
  Parsed P("void f() { pthread_t t;"
           " if (pthread_create(&t, 0, routine, 0) != 0) return;"
           " pthread_join(t, 0); }");
  Events E = P.walk("f");
  EXPECT_TRUE(llvm::is_contained(E, "exits t Empty")) << llvm::join(E, "; ");
  EXPECT_TRUE(llvm::is_contained(E, "joined t Running"));
}

} // namespace
} // namespace clang::tidy::threadlife::handles
