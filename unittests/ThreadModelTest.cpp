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
            (std::vector<llvm::StringRef>{"CreateThread", "_beginthreadex"}));
  EXPECT_EQ(handleFunctionNames(HandleOp::CreateIntoArg),
            (std::vector<llvm::StringRef>{"pthread_create"}));
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
