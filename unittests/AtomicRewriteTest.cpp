//===--- AtomicRewriteTest.cpp - make a flag std::atomic, safely ----------===//

#include "AtomicRewrite.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {
namespace {

/// The edits atomicFlagFix offers for the declaration of `flag` in \p Code.
std::vector<std::string> fix(llvm::StringRef Code, llvm::StringRef Standard) {
  std::unique_ptr<ASTUnit> AST =
      tooling::buildASTFromCodeWithArgs(Code, {("-std=" + Standard).str()});
  EXPECT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  // The last declaration: the definition, where there are several.
  auto Found = match(translationUnitDecl(
                         forEach(declaratorDecl(hasName("flag")).bind("flag"))),
                     Ctx);
  if (Found.empty())
    Found = match(recordDecl(forEach(fieldDecl(hasName("flag")).bind("flag"))),
                  Ctx);
  EXPECT_FALSE(Found.empty());
  const auto *Flag = Found.back().getNodeAs<DeclaratorDecl>("flag");
  CharSourceRange Type = CharSourceRange::getTokenRange(
      Flag->getTypeSourceInfo()->getTypeLoc().getSourceRange());
  std::vector<std::string> Edits;
  for (const FixItHint &Hint :
       atomicFlagFix(*Flag, Type, "std::atomic<bool>", Ctx))
    Edits.push_back(Hint.CodeToInsert);
  return Edits;
}

constexpr llvm::StringLiteral Polled =
    "struct W { void run() { while (flag) {} } void stop() { flag = false; }\n";

TEST(AtomicRewrite, ACopyInitializerBecomesBracesBeforeCxx17) {
  std::string Code = (Polled + "  bool flag = true; };").str();
  EXPECT_EQ(fix(Code, "c++11"),
            (std::vector<std::string>{"std::atomic<bool>", "{true}"}));
  EXPECT_EQ(fix(Code, "c++17"),
            (std::vector<std::string>{"std::atomic<bool>", "{true}"}));
}

TEST(AtomicRewrite, ANarrowingInitializerIsKeptFromCxx17AndRefusedBefore) {
  std::string Code = (Polled + "  bool flag = 1; };").str();
  EXPECT_TRUE(fix(Code, "c++14").empty());
  EXPECT_EQ(fix(Code, "c++17"),
            (std::vector<std::string>{"std::atomic<bool>"}));
}

TEST(AtomicRewrite, UsesThatWouldCopyTheAtomicRefuseTheFix) {
  for (llvm::StringRef Use :
       {"bool copy() { auto c = flag; return c; }",
        "bool peek() { return [this] { return flag; }(); }",
        "template <class T> void take(T); void give() { take(flag); }",
        "int printf(const char *, ...); void log() { printf(\"%d\", flag); }",
        "bool pick(bool o) { return o ? flag : o; }",
        "void flip() { flag &= true; }", "bool *where() { return &flag; }",
        "void bind(bool &); void give() { bind(flag); }",
        "void copy() { W other = *this; (void)other; }"}) {
    std::string Code = (Polled + Use + "\n  bool flag = true; };").str();
    EXPECT_TRUE(fix(Code, "c++17").empty()) << Use.str();
  }
}

TEST(AtomicRewrite, UsesThatConvertKeepTheFix) {
  for (llvm::StringRef Use :
       {"bool get() { return flag; }", "void set(bool v) { flag = v; }",
        "int count() { return flag ? 1 : 0; }",
        "bool both(bool o) { return flag && o; }",
        "void take(bool); void give() { take(flag); }"}) {
    std::string Code = (Polled + Use + "\n  bool flag = true; };").str();
    EXPECT_EQ(fix(Code, "c++17").size(), 2u) << Use.str();
  }
}

TEST(AtomicRewrite, DeclarationsItCannotEditAloneRefuseTheFix) {
  EXPECT_TRUE(fix((Polled + "  bool flag : 1; };").str(), "c++17").empty());
  EXPECT_TRUE(
      fix("bool flag = false, other = false;\n"
          "void run() { while (!flag) {} } void stop() { flag = true; }",
          "c++17")
          .empty());
  EXPECT_TRUE(fix("extern bool flag; bool flag = false;\n"
                  "void run() { while (!flag) {} }",
                  "c++17")
                  .empty());
}

} // namespace
} // namespace clang::tidy::threadlife
