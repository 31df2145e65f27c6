//===--- HandleStateTest.cpp - the path state lattice ---------------------===//

#include "HandleFixture.h"

namespace clang::tidy::threadlife::handles {
namespace {

TEST(HandleStateTest, EqualStatesHashAlike) {
  PathState A, B;
  A.Handles.push_back({HandleState::Running, nullptr, nullptr});
  B.Handles.push_back({HandleState::Running, nullptr, nullptr});
  A.setFact(7, true);
  A.setFact(3, false);
  B.setFact(3, false);
  B.setFact(7, true);
  EXPECT_EQ(A, B); // facts are kept sorted whatever the order learned
  EXPECT_EQ(hash_value(A), hash_value(B));
  B.setFact(7, false);
  EXPECT_FALSE(A == B);
  EXPECT_EQ(B.fact(7), std::optional<bool>(false));
  EXPECT_EQ(B.fact(5), std::nullopt);
  B.setFact(7, true);
  B.Handles[0].State = HandleState::Joined;
  EXPECT_FALSE(A == B);
}

TEST(HandleStateTest, HandleSetFindsByDeclarationAndName) {
  Parsed P("void f() { std::thread t; std::thread u; t.join(); }");
  using namespace ast_matchers;
  auto Vars =
      match(functionDecl(hasName("f"), forEachDescendant(varDecl().bind("v"))),
            P.context());
  ASSERT_EQ(Vars.size(), 2u);
  const auto *T = Vars[0].getNodeAs<VarDecl>("v");
  HandleSet Set;
  EXPECT_EQ(Set.add({T, TrackedHandle::Object, false, nullptr}), 0u);
  EXPECT_TRUE(Set.contains(T));
  EXPECT_EQ(Set.find(T), std::optional<unsigned>(0));
  EXPECT_EQ(Set.find(Vars[1].getNodeAs<VarDecl>("v")), std::nullopt);
  auto Calls =
      match(functionDecl(hasName("f"),
                         forEachDescendant(cxxMemberCallExpr().bind("call"))),
            P.context());
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(Set.find(Calls[0]
                         .getNodeAs<CXXMemberCallExpr>("call")
                         ->getImplicitObjectArgument()),
            std::optional<unsigned>(0));
}

} // namespace
} // namespace clang::tidy::threadlife::handles
