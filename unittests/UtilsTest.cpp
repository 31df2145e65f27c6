//===--- UtilsTest.cpp - the shared helpers of utils/ ---------------------===//

#include "HandleFixture.h"
#include "utils/CalleeClosure.h"
#include "utils/FlagUses.h"
#include "utils/KnownValues.h"
#include "utils/Loops.h"
#include "utils/NamedDecls.h"
#include "utils/ParentWalks.h"

namespace clang::tidy::threadlife {
namespace {

using handles::Parsed;
using namespace ast_matchers;

TEST(NamedDeclsTest, WhatAnExpressionNames) {
  Parsed P(R"(
struct S { int X; int Y[2]; void f(S *O, int L, int *A) {
  use(X); use(this->X); use(&L); use(O->X); use(A[0]); use(*A); use(Y[1]); }
  void use(...); };
)");
  std::vector<std::string> Named, Referenced;
  for (const BoundNodes &N :
       match(cxxMethodDecl(
                 hasName("f"),
                 forEachDescendant(
                     cxxMemberCallExpr(callee(cxxMethodDecl(hasName("use"))))
                         .bind("c"))),
             P.context())) {
    const Expr *Arg = N.getNodeAs<CXXMemberCallExpr>("c")->getArg(0);
    const ValueDecl *D = namedDecl(Arg);
    const ValueDecl *R = referencedDecl(Arg);
    Named.push_back(D ? D->getNameAsString() : "-");
    Referenced.push_back(R ? R->getNameAsString() : "-");
  }
  EXPECT_EQ(Named,
            (std::vector<std::string>{"X", "X", "L", "-", "-", "-", "-"}));
  EXPECT_EQ(Referenced,
            (std::vector<std::string>{"X", "X", "L", "X", "A", "A", "Y"}));
}

TEST(NamedDeclsTest, ContainerOfAnElement) {
  Parsed P(R"(
struct V { int &at(int); int &back(); int &operator[](int); int size(); };
void f(V v) { v.at(0); v.back(); v[1]; v.size(); }
)");
  std::vector<std::string> Containers;
  for (const BoundNodes &N : match(
           functionDecl(hasName("f"), forEachDescendant(callExpr().bind("c"))),
           P.context())) {
    const ValueDecl *C = containerOfElement(N.getNodeAs<CallExpr>("c"));
    Containers.push_back(C ? C->getNameAsString() : "-");
  }
  EXPECT_EQ(Containers, (std::vector<std::string>{"v", "v", "v", "-"}));
}

TEST(ParentWalksTest, EnclosingFunctionAndUser) {
  Parsed P("int g(int); void f() { auto l = [] { return g((1)); }; }");
  auto Found = match(
      functionDecl(hasName("f"), forEachDescendant(integerLiteral().bind("n"))),
      P.context());
  ASSERT_EQ(Found.size(), 1u);
  const auto *Lit = Found[0].getNodeAs<IntegerLiteral>("n");
  const FunctionDecl *F = enclosingFunction(*Lit, P.context());
  ASSERT_TRUE(F);
  EXPECT_TRUE(isa<CXXMethodDecl>(F)); // the lambda's call operator
  EXPECT_TRUE(
      isa_and_nonnull<CallExpr>(parentIgnoringWrappers(*Lit, P.context())));
}

TEST(LoopsTest, ConditionBodyAndDeciders) {
  Parsed P(R"(
bool more(); bool done; int n;
void f() {
  while (more()) { if (done) break; if (n) continue; }
  for (;;) { if (done) return; }
  int xs[2];
  for (int x : xs) {}
}
)");
  std::vector<const Stmt *> Loops = loopsOf(*P.function("f")->getBody());
  ASSERT_EQ(Loops.size(), 3u);
  EXPECT_TRUE(loopCondition(*Loops[0]));
  EXPECT_FALSE(loopCondition(*Loops[1]));
  EXPECT_TRUE(loopBody(*Loops[0]));
  EXPECT_EQ(loopDeciders(*Loops[0]).size(), 2u); // more() and done, not n
  EXPECT_EQ(loopDeciders(*Loops[1]).size(), 1u);
  EXPECT_TRUE(loopDeciders(*Loops[2]).empty());
  EXPECT_TRUE(loopCanEnd(*Loops[0], *P.function("f"), P.context()));
  EXPECT_TRUE(loopCanEnd(*Loops[1], *P.function("f"), P.context()));
}

TEST(LoopsTest, ALoopThatCannotEnd) {
  Parsed P("void work(); void f() { bool on = true; while (on) work(); }");
  std::vector<const Stmt *> Loops = loopsOf(*P.function("f")->getBody());
  ASSERT_EQ(Loops.size(), 1u);
  EXPECT_FALSE(loopCanEnd(*Loops[0], *P.function("f"), P.context()));
}

TEST(CalleeClosureTest, BoundedByDepthAndFilter) {
  Parsed P(R"(
void d() {} void c() { d(); } void b() { c(); } void a() { b(); [] { d(); }(); }
)");
  FunctionSet Code;
  addCalleeClosure(*P.function("a"), 2, P.context().getSourceManager(), Code);
  std::vector<std::string> Names;
  for (const FunctionDecl *F : Code)
    Names.push_back(F->getNameAsString());
  // a, then what it calls (the lambda's call operator reaches d), two deep.
  EXPECT_TRUE(llvm::is_contained(Names, "a"));
  EXPECT_TRUE(llvm::is_contained(Names, "b"));
  EXPECT_TRUE(llvm::is_contained(Names, "c"));
  EXPECT_TRUE(llvm::is_contained(Names, "d"));
  FunctionSet Shallow;
  addCalleeClosure(*P.function("b"), 1, P.context().getSourceManager(),
                   Shallow);
  EXPECT_EQ(Shallow.size(), 2u); // b and c, not d
  FunctionSet None;
  addCalleeClosure(*P.function("a"), 3, P.context().getSourceManager(), None,
                   [](const CallExpr &) { return false; });
  EXPECT_EQ(None.size(), 1u);
}

TEST(FlagUsesTest, WritesAndAtomicAccess) {
  Parsed P(R"(
bool stop; int count;
void set() { stop = true; ++count; }
void atomically() { __atomic_store_n(&count, 1, 5); }
)");
  auto Vars = match(varDecl(hasGlobalStorage(), unless(parmVarDecl()),
                            anyOf(hasName("stop"), hasName("count")))
                        .bind("v"),
                    P.context());
  llvm::SmallPtrSet<const ValueDecl *, 8> Flags;
  for (const BoundNodes &N : Vars)
    Flags.insert(N.getNodeAs<VarDecl>("v"));
  ASSERT_EQ(Flags.size(), 2u);
  FlagUses Uses = findFlagUses(P.context(), Flags);
  ASSERT_EQ(Uses.Writes.size(), 2u);
  EXPECT_EQ(Uses.Writes[0].first->getName(), "stop");
  EXPECT_EQ(Uses.Writes[0].second.Function->getName(), "set");
  ASSERT_EQ(Uses.Atomic.size(), 1u);
  EXPECT_EQ((*Uses.Atomic.begin())->getName(), "count");
}

TEST(KnownValuesTest, WhatAVariableAlwaysHolds) {
  Parsed P(R"(
void use(int);
void ref(const int &);
void mut(int &);
class Fixed {
  int ms = 3000;
  int other;
public:
  Fixed() : other(50) { other = 70; }
  void f() {
    int copy; copy = ms; use(copy);
    int two = 500; if (ms) two = 200; ref(two); use(two);
    int bumped = 10; ++bumped; use(bumped);
    int lent = 10; mut(lent); use(lent);
    use(other);
  }
};
class Settable {
  int ms = 3000;
public:
  void set(int v) { ms = v; }
  void f() { use(ms); }
};
class Elsewhere {
  int ms = 3000;
public:
  void g();
  void f() { use(ms); }
};
)");
  std::vector<std::string> Values;
  for (const BoundNodes &N :
       match(cxxMethodDecl(
                 hasName("f"),
                 forEachDescendant(
                     callExpr(callee(functionDecl(hasName("use")))).bind("c"))),
             P.context())) {
    std::optional<int64_t> V =
        smallestKnownValue(N.getNodeAs<CallExpr>("c")->getArg(0), P.context());
    Values.push_back(V ? std::to_string(*V) : "-");
  }
  EXPECT_EQ(Values, (std::vector<std::string>{"3000", "200", "-", "-", "50",
                                              "-", "-"}));
}

} // namespace
} // namespace clang::tidy::threadlife
