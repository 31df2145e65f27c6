//===--- ThreadModelTest.cpp - the one table of thread APIs ---------------===//

#include "model/ThreadModel.h"
#include "gtest/gtest.h"

namespace clang::tidy::threadlife::model {
namespace {

std::vector<llvm::StringRef> startingTypes() {
  std::vector<llvm::StringRef> Names;
  for (const ThreadStart &Start : threadStarts())
    if (Start.IsType)
      Names.push_back(Start.Name);
  return Names;
}

TEST(ThreadModel, EveryClassThatRunsACallableIsAThreadStart) {
  for (const ThreadClass &Class : threadClasses())
    EXPECT_EQ(Class.StartsInConstructor,
              llvm::is_contained(startingTypes(), Class.Name))
        << Class.Name.str();
  EXPECT_TRUE(llvm::is_contained(startingTypes(), "::gsl::joining_thread"));
}

TEST(ThreadModel, StoppableThreadsAreTheClassesWithAStopChannel) {
  std::vector<llvm::StringRef> Names(stoppableThreadNames().begin(),
                                     stoppableThreadNames().end());
  EXPECT_EQ(Names,
            (std::vector<llvm::StringRef>{
                "::std::jthread", "::threadlife::jthread", "::boost::thread"}));
}

TEST(ThreadModel, HandleFunctionNamesComeFromTheTable) {
  EXPECT_EQ(handleFunctionNames(HandleOp::CreateResult),
            (std::vector<llvm::StringRef>{"CreateThread", "_beginthreadex",
                                          "g_thread_new", "g_thread_try_new",
                                          "SDL_CreateThread",
                                          "SDL_CreateThreadWithStackSize"}));
  EXPECT_EQ(handleFunctionNames(HandleOp::CreateIntoArg),
            (std::vector<llvm::StringRef>{"pthread_create", "thrd_create",
                                          "uv_thread_create",
                                          "uv_thread_create_ex"}));
}

// Every create names its start routine and the argument it passes on; every
// thread start of a C library comes from these rows.
TEST(ThreadModel, CreatesHaveStartAndContext) {
  for (const HandleFunction &F : handleFunctions()) {
    const bool Create =
        F.Op == HandleOp::CreateIntoArg || F.Op == HandleOp::CreateResult;
    EXPECT_EQ(Create, F.StartArg.has_value()) << F.Name.str();
    EXPECT_EQ(Create, F.ContextArg.has_value()) << F.Name.str();
    if (!Create)
      continue;
    EXPECT_TRUE(llvm::any_of(threadStarts(), [&](const ThreadStart &S) {
      return S.Name == ("::" + F.Name).str() && S.CallableArg == *F.StartArg &&
             S.ContextArg == F.ContextArg;
    })) << F.Name.str();
  }
}

// Only pthread_create takes attributes (which may create the thread
// detached).
TEST(ThreadModel, OnlyPthreadCreateTakesAttributes) {
  for (const HandleFunction &F : handleFunctions())
    EXPECT_EQ(F.AttrArg.has_value(), F.Name == posixThreadCreate())
        << F.Name.str();
}

// Only a release that lets the thread run on is a detach for detached-thread:
// CloseHandle and g_thread_unref drop a reference.
TEST(ThreadModel, DetachFunctionsLetTheThreadRunOn) {
  EXPECT_EQ(
      detachFunctionNames(),
      (std::vector<llvm::StringRef>{"pthread_detach", "thrd_detach",
                                    "uv_thread_detach", "SDL_DetachThread"}));
}

TEST(ThreadModel, DetachMethodsAreEveryClasssOnce) {
  EXPECT_EQ(std::vector<llvm::StringRef>(detachMethodNames().begin(),
                                         detachMethodNames().end()),
            (std::vector<llvm::StringRef>{"detach"}));
}

TEST(ThreadModel, OnlyStdThreadHasAJthreadFixIt) {
  for (const ThreadClass &Class : threadClasses())
    EXPECT_EQ(Class.SelfJoiningReplacement.empty(),
              Class.Name != "::std::thread")
        << Class.Name.str();
}

TEST(ThreadModel, SelfJoiningClassesWithATokenSayWhichToken) {
  for (const ThreadClass &Class : threadClasses())
    if (Class.Stop == StopChannel::Token)
      EXPECT_FALSE(Class.TokenSpelling.empty()) << Class.Name.str();
}

} // namespace
} // namespace clang::tidy::threadlife::model
