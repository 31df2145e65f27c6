//===--- FixSetTest.cpp - every fix-it of a run, applied once -------------===//

#include "FixSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using clang::tidy::ClangTidyError;
using clang::tooling::Diagnostic;
using clang::tooling::Replacement;

namespace threadlife {
namespace {

/// A finding whose fix replaces [Offset, Offset + Length) of \p File.
ClangTidyError finding(llvm::StringRef File, unsigned Offset, unsigned Length,
                       llvm::StringRef Text) {
  ClangTidyError E("threadlife-unsafe-stop-flag", Diagnostic::Warning, "/",
                   false);
  E.Message.FilePath = File.str();
  E.Message.FileOffset = Offset;
  llvm::cantFail(
      E.Message.Fix[File].add(Replacement(File, Offset, Length, Text)));
  return E;
}

class FixSetTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("fixset", Dir));
    File = (Dir + "/flag.h").str();
    write("bool running_ = true;\n");
  }
  void TearDown() override {
    llvm::sys::fs::setPermissions(File, llvm::sys::fs::all_all);
    llvm::sys::fs::remove_directories(Dir);
  }
  void write(llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    OS << Text;
  }
  std::string read() {
    return (*llvm::MemoryBuffer::getFile(File))->getBuffer().str();
  }
  std::vector<std::string> apply(const FixSet &Fixes) {
    return Fixes.apply([](llvm::StringRef) { return "none"; });
  }

  llvm::SmallString<128> Dir;
  std::string File;
};

TEST_F(FixSetTest, TheSameFixFromTwoTranslationUnitsIsAppliedOnce) {
  FixSet Fixes;
  EXPECT_TRUE(Fixes.add(finding(File, 0, 4, "std::atomic<bool>")));
  EXPECT_TRUE(Fixes.add(finding(File, 0, 4, "std::atomic<bool>")));
  EXPECT_TRUE(apply(Fixes).empty());
  EXPECT_EQ(read(), "std::atomic<bool> running_ = true;\n");
}

TEST_F(FixSetTest, AFixThatOverlapsAnAcceptedOneIsLeftOutWhole) {
  FixSet Fixes;
  EXPECT_TRUE(Fixes.add(finding(File, 0, 4, "std::atomic<bool>")));
  ClangTidyError Overlapping = finding(File, 2, 4, "x");
  llvm::cantFail(Overlapping.Message.Fix[File].add(
      Replacement(File, 20, 0, " // elsewhere")));
  EXPECT_FALSE(Fixes.add(Overlapping));
  EXPECT_EQ(Fixes.offered(), 2u);
  EXPECT_EQ(Fixes.accepted(), 1u);
  EXPECT_TRUE(apply(Fixes).empty());
  EXPECT_EQ(read(), "std::atomic<bool> running_ = true;\n");
}

TEST_F(FixSetTest, AReadOnlyFileKeepsItsBytes) {
  FixSet Fixes;
  ASSERT_TRUE(Fixes.add(finding(File, 0, 4, "std::atomic<bool>")));
  llvm::sys::fs::setPermissions(File, llvm::sys::fs::all_read);
  std::vector<std::string> Problems = apply(Fixes);
  ASSERT_EQ(Problems.size(), 1u);
  EXPECT_EQ(Problems[0],
            "cannot write the fixes to '" + File + "': the file is read-only");
  EXPECT_EQ(read(), "bool running_ = true;\n");
}

TEST_F(FixSetTest, AnAtomicWriteKeepsThePermissions) {
  llvm::sys::fs::setPermissions(File, llvm::sys::fs::perms(0640));
  ASSERT_FALSE(bool(
      writeAtomically(File, [](llvm::raw_ostream &OS) { OS << "new\n"; })));
  EXPECT_EQ(read(), "new\n");
  EXPECT_EQ(*llvm::sys::fs::getPermissions(File), llvm::sys::fs::perms(0640));
}

} // namespace
} // namespace threadlife
