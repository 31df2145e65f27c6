//===--- ConfigScopeTest.cpp - a .clang-tidy read for threadlife ----------===//

#include "ConfigScope.h"
#include "gtest/gtest.h"

// The checks register from an archive: keep their module in this binary.
extern volatile int ThreadLifeModuleAnchorSource;
[[maybe_unused]] static int ThreadLifeModuleAnchorDestination =
    ThreadLifeModuleAnchorSource;

namespace threadlife {
namespace {

TEST(ScopeGlobs, AListThatNamesNoThreadlifeCheckIsNotAddressedToIt) {
  EXPECT_EQ(scopeGlobs("-*,bugprone-*", false), std::nullopt);
  EXPECT_EQ(scopeGlobs("*", false), std::nullopt);
}

TEST(ScopeGlobs, AListThatNamesOneIsObeyedForThreadlifeOnly) {
  EXPECT_EQ(scopeGlobs("-*,bugprone-*,threadlife-forced-kill", false),
            "-threadlife-*,threadlife-forced-kill");
  EXPECT_EQ(scopeGlobs("*,-threadlife-unsafe-stop-flag", false),
            "threadlife-*,-threadlife-unsafe-stop-flag");
}

TEST(ScopeGlobs, LinesAndCommentsOfMultiLineListsAreEntries) {
  EXPECT_EQ(
      scopeGlobs("modernize-*\n# a comment,\nthreadlife-invalid-join", false),
      "threadlife-invalid-join");
}

TEST(ScopeGlobs, TheCommandLineIsAlwaysAddressedToThreadlife) {
  EXPECT_EQ(scopeGlobs("-*", true), "-threadlife-*");
  EXPECT_EQ(scopeGlobs("bugprone-*", true), "");
}

TEST(ParseConfigFile, AnUnknownKeyIsAWarningAndTheRestIsRead) {
  std::vector<std::string> Warnings;
  std::string Error;
  auto Options = parseConfigFile(
      llvm::MemoryBufferRef("Checks: 'threadlife-*'\n"
                            "AnalyzeTemporaryDtors: false\n"
                            "HeaderFilterRegex: 'src/.*'\n",
                            "/p/.clang-tidy"),
      [&](const std::string &W) { Warnings.push_back(W); }, Error);
  ASSERT_TRUE(Options);
  EXPECT_EQ(Options->Checks, "threadlife-*");
  EXPECT_EQ(Options->HeaderFilterRegex, "src/.*");
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_EQ(Warnings[0], "'/p/.clang-tidy': unknown key "
                         "'AnalyzeTemporaryDtors' ignored");
}

TEST(ParseConfigFile, BrokenYamlIsAnErrorWithItsPlace) {
  std::string Error;
  auto Options = parseConfigFile(
      llvm::MemoryBufferRef("Checks: [unclosed\n", "x"),
      [](const std::string &) {}, Error);
  EXPECT_FALSE(Options);
  EXPECT_EQ(Error, "1:18: Could not find closing ]!");
}

} // namespace
} // namespace threadlife
