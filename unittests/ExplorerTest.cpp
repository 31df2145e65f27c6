//===--- ExplorerTest.cpp - the paths the handle walk explores ------------===//

#include "HandleFixture.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {
namespace {

TEST(ExplorerTest, InfeasibleBranchesAreNotTaken) {
  // The join happens exactly when the thread was started.
  Parsed P("void f(bool c) { std::thread t; bool started = false;"
           " if (c) { t = std::thread(work); started = true; }"
           " if (started) t.join(); }");
  Events E = P.walk("f");
  EXPECT_FALSE(has(E, "lifeEnds t Running")) << llvm::join(E, "; ");
  EXPECT_TRUE(has(E, "lifeEnds t Joined"));
  EXPECT_TRUE(has(E, "lifeEnds t Empty"));
}

TEST(ExplorerTest, JoinableQuerySplitsUnknownState) {
  Parsed P("void keep(std::thread &);"
           "void f() { std::thread t(work); keep(t);"
           " if (t.joinable()) t.join(); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "joined t Running"));
  EXPECT_FALSE(has(E, "joined t Empty"));
}

TEST(ExplorerTest, GivesUpPastTheBudget) {
  // Twenty independent flags: 2^20 states, more than the budget allows.
  std::string Code = "void f(";
  for (int I = 0; I < 20; ++I)
    Code += (I ? ", bool b" : "bool b") + std::to_string(I);
  Code += ") { std::thread t(work);";
  for (int I = 0; I < 20; ++I)
    Code += " if (b" + std::to_string(I) + ") work();";
  Code += " t.join(); }";
  Parsed P(Code);
  EXPECT_EQ(P.walk("f"), Events{"incomplete"});
}

TEST(ExplorerTest, EntersMemberCallsOnlyWhenAsked) {
  Parsed P("struct W { std::thread T; void stop() { T.join(); }"
           " ~W() { stop(); } };");
  WalkOptions Options = runningMembers();
  const FunctionDecl *Dtor = P.function("~W");
  Recorder Shallow;
  ASSERT_TRUE(P.Analysis.run(Dtor, Options, Shallow));
  EXPECT_TRUE(Shallow.saw("unknown T Unknown"));
  EXPECT_FALSE(Shallow.saw("joined T Running"));
  Options.InlineMemberCalls = true;
  Recorder Deep;
  ASSERT_TRUE(P.Analysis.run(Dtor, Options, Deep));
  EXPECT_TRUE(Deep.saw("joined T Running"));
  EXPECT_TRUE(Deep.saw("returned T Joined"));
}

TEST(ExplorerTest, ReturnsOncePerDistinctState) {
  Parsed P("struct W { std::thread T; void f(bool c) { if (c) T.join();"
           " else T.join(); } };");
  WalkOptions Options = runningMembers();
  Events E = P.walk("f", Options);
  // Both branches end Joined, but by different joins: two states.
  EXPECT_EQ(llvm::count(E, "returned T Joined"), 2) << llvm::join(E, "; ");
}

} // namespace
} // namespace clang::tidy::threadlife::handles
