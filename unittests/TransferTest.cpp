//===--- TransferTest.cpp - what statements do to handles -----------------===//

#include "HandleFixture.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {
namespace {

TEST(TransferTest, JoinAfterJoinSeesJoined) {
  Parsed P("void f() { std::thread t(work); t.join(); t.join(); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "joined t Running"));
  EXPECT_TRUE(has(E, "joined t Joined"));
  EXPECT_TRUE(has(E, "lifeEnds t Joined"));
}

TEST(TransferTest, MoveLeavesTheSourceMovedFrom) {
  Parsed P("void f() { std::thread t(work); std::thread u = std::move(t);"
           " t.join(); u.join(); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "joined t MovedFrom"));
  EXPECT_TRUE(has(E, "joined u Running"));
}

TEST(TransferTest, DefaultConstructedIsEmpty) {
  Parsed P("void f() { std::thread t; t.detach(); }");
  EXPECT_TRUE(has(P.walk("f"), "detached t Empty"));
}

TEST(TransferTest, ReturnLeavesARunningThread) {
  Parsed P("void f(bool c) { std::thread t(work); if (c) return; t.join(); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "exits t Running"));
  EXPECT_TRUE(has(E, "lifeEnds t Joined"));
  EXPECT_FALSE(has(E, "lifeEnds t Running"));
}

TEST(TransferTest, AssignmentOverARunningThread) {
  Parsed P(
      "void f() { std::thread t(work); t = std::thread(work); t.join(); }");
  EXPECT_TRUE(has(P.walk("f"), "assigned t Running"));
}

TEST(TransferTest, NonConstReferenceLetsTheHandleEscape) {
  Parsed P("void keep(std::thread &); void look(const std::thread &);"
           "void f() { std::thread t(work); look(t); keep(t); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "unknown t Unknown"));
  EXPECT_TRUE(has(E, "lifeEnds t Unknown"));
  EXPECT_FALSE(has(E, "lifeEnds t Running"));
}

TEST(TransferTest, ExceptionsOnlyWhenAskedAndNotCaught) {
  Parsed P("void mayThrow() { throw 1; }"
           "void f() { std::thread t(work); mayThrow(); t.join(); }"
           "void g() { std::thread t(work);"
           "  try { mayThrow(); } catch (...) {} t.join(); }");
  EXPECT_FALSE(has(P.walk("f"), "thrown t Running"));
  EXPECT_TRUE(
      has(P.walk("f", WalkOptions(), /*Exceptions=*/true), "thrown t Running"));
  EXPECT_FALSE(
      has(P.walk("g", WalkOptions(), /*Exceptions=*/true), "thrown t Running"));
}

TEST(TransferTest, PosixCreateAndJoin) {
  Parsed P("void f() { pthread_t t; pthread_create(&t, 0, routine, 0);"
           " pthread_join(t, 0); pthread_detach(t); }");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "joined t Running"));
  EXPECT_TRUE(has(E, "detached t Joined"));
}

TEST(TransferTest, ContainerFilledAndJoinedByALoop) {
  Parsed P(R"(
namespace std {
template <class T> struct vector {
  vector(); ~vector();
  void push_back(T &&); template <class... A> void emplace_back(A &&...);
  T *begin(); T *end();
};
}
void f() {
  std::vector<std::thread> ts;
  ts.emplace_back(work);
  for (std::thread &t : ts) t.join();
}
)");
  Events E = P.walk("f");
  EXPECT_TRUE(has(E, "lifeEnds ts Joined")) << llvm::join(E, "; ");
}

TEST(TransferTest, MembersFollowedOnlyWhenAsked) {
  Parsed P("struct W { std::thread T; void stop() { T.join(); } };");
  EXPECT_TRUE(P.walk("stop").empty());
  WalkOptions Members = runningMembers();
  EXPECT_TRUE(has(P.walk("stop", Members), "joined T Running"));
  EXPECT_TRUE(has(P.walk("stop", Members), "returned T Joined"));
}

} // namespace
} // namespace clang::tidy::threadlife::handles
