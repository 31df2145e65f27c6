//===--- FunctionFactsTest.cpp - one function, read once ------------------===//

#include "HandleFixture.h"

namespace clang::tidy::threadlife::handles {
namespace {

const VarDecl *local(const FunctionFacts &F, llvm::StringRef Name) {
  for (const VarDecl *Var : F.Locals)
    if (Var->getName() == Name)
      return Var;
  return nullptr;
}

TEST(FunctionFactsTest, ReadsTheBodyOnce) {
  Parsed P(R"(
void change(int &);
void f() {
  int a = 0, b = 0, c = 0, d = 0;
  int *p = &a;
  auto l = [&b] { ++b; };
  change(c);
  pthread_t t;
  pthread_create(&t, 0, routine, 0);
}
)");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  const FunctionFacts *F = Cache.get(P.function("f"));
  ASSERT_TRUE(F);
  EXPECT_EQ(Cache.get(P.function("f")), F); // built once
  EXPECT_TRUE(F->Cfg && F->Parents);
  EXPECT_FALSE(F->HasErrors);
  EXPECT_TRUE(F->Aliased.count(local(*F, "a"))); // address taken
  EXPECT_TRUE(F->Aliased.count(local(*F, "b"))); // captured by reference
  EXPECT_TRUE(F->Aliased.count(local(*F, "c"))); // non-const reference
  EXPECT_FALSE(F->Aliased.count(local(*F, "d")));
  EXPECT_TRUE(F->FilledHandles.count(local(*F, "t")));
  EXPECT_TRUE(F->Scopes.count(local(*F, "t")));
}

TEST(FunctionFactsTest, FindsLoopsThatJoinEveryElement) {
  Parsed P(R"(
void f(pthread_t *ts, int n) {
  pthread_t all[4];
  for (int i = 0; i < 4; ++i) pthread_create(&all[i], 0, routine, 0);
  for (int i = 0; i < 4; ++i) pthread_join(all[i], 0);
}
)");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  const FunctionFacts *F = Cache.get(P.function("f"));
  ASSERT_TRUE(F);
  ASSERT_EQ(F->JoinLoops.size(), 1u);
  EXPECT_EQ(F->JoinLoops[0].second->getName(), "all");
}

TEST(FunctionFactsTest, SelfDetachingStartRoutine) {
  Parsed P(R"(
void *detaching(void *) { pthread_detach(pthread_self()); return 0; }
void *plain(void *) { return 0; }
)");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  EXPECT_TRUE(Cache.selfDetaches(P.function("detaching")));
  EXPECT_FALSE(Cache.selfDetaches(P.function("plain")));
}

TEST(FunctionFactsTest, NoBodyNoFacts) {
  Parsed P("void declared();");
  FunctionFactsCache Cache(P.Api, P.context(), nullptr);
  using namespace ast_matchers;
  auto Found = match(functionDecl(hasName("declared")).bind("f"), P.context());
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Cache.get(Found[0].getNodeAs<FunctionDecl>("f")), nullptr);
}

} // namespace
} // namespace clang::tidy::threadlife::handles
