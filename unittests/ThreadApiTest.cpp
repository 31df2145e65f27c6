//===--- ThreadApiTest.cpp - a project's own create functions -------------===//

#include "HandleFixture.h"

namespace clang::tidy::threadlife::handles {
namespace {

// The first call in function \p Caller.
const CallExpr *firstCall(Parsed &P, llvm::StringRef Caller) {
  using namespace ast_matchers;
  auto Found = match(findAll(callExpr().bind("c")),
                     *P.function(Caller)->getBody(), P.context());
  EXPECT_FALSE(Found.empty()) << Caller.str();
  return Found.empty() ? nullptr : Found[0].getNodeAs<CallExpr>("c");
}

TEST(ThreadApiTest, AWrapperIsACreateWithItsParametersRoles) {
  Parsed P(R"(
    void *run(void *);
    static int spawn(void *arg, pthread_t *t, void *(*fn)(void *)) {
      return pthread_create(t, 0, fn, arg);
    }
    static int twice(pthread_t *t) { return spawn(0, t, run); }
    void a() { pthread_t t; spawn(0, &t, run); }
    void b() { pthread_t t; twice(&t); }
  )");
  const model::HandleFunction *F = P.Api.handleFunction(firstCall(P, "a"));
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Op, model::HandleOp::CreateIntoArg);
  EXPECT_EQ(F->HandleArg, 1u);
  EXPECT_EQ(F->StartArg, std::optional<unsigned>(2));
  EXPECT_EQ(F->ContextArg, std::optional<unsigned>(0));
  // `twice` fixes the start routine itself: it passes on no start routine.
  EXPECT_EQ(P.Api.handleFunction(firstCall(P, "b")), nullptr);
}

TEST(ThreadApiTest, NotAWrapperUnlessItPassesTheHandleOn) {
  Parsed P(R"(
    void *run(void *);
    static void detached(void *(*fn)(void *)) {
      pthread_t t;
      pthread_create(&t, 0, fn, 0);
    }
    static int attributes(pthread_t *t, const void *attr,
                          void *(*fn)(void *)) {
      return pthread_create(t, attr, fn, 0);
    }
    void a() { detached(run); }
    void b(const void *attr) { pthread_t t; attributes(&t, attr, run); }
  )");
  EXPECT_EQ(P.Api.handleFunction(firstCall(P, "a")), nullptr);
  EXPECT_EQ(P.Api.handleFunction(firstCall(P, "b")), nullptr);
}

} // namespace
} // namespace clang::tidy::threadlife::handles
