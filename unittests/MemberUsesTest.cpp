//===--- MemberUsesTest.cpp - how a class uses its handle members ---------===//

#include "HandleFixture.h"

namespace clang::tidy::threadlife::handles {
namespace {

const FieldDecl *field(Parsed &P, llvm::StringRef Name) {
  using namespace ast_matchers;
  auto Found = match(fieldDecl(hasName(Name)).bind("f"), P.context());
  EXPECT_EQ(Found.size(), 1u);
  return Found.empty() ? nullptr : Found[0].getNodeAs<FieldDecl>("f");
}

const CXXRecordDecl *owner(const FieldDecl *F) {
  return cast<CXXRecordDecl>(F->getParent());
}

constexpr llvm::StringLiteral Classes = R"(
void keep(std::thread &);
struct Owned {
  std::thread Worker;
  bool Done = false;
  int Count = 0;
  Owned() : Worker([this] { Done = true; }) {}
  ~Owned() { Worker.join(); }
};
struct Lent {
  std::thread Lender;
  void start() { Lender = std::thread(work); }
  void lend() { keep(Lender); }
};
)";

TEST(MemberUsesTest, StartsAndJoinsInTheClass) {
  Parsed P(Classes);
  const FieldDecl *Worker = field(P, "Worker");
  const MemberUses &Uses = P.Analysis.members().uses(owner(Worker), Worker);
  EXPECT_EQ(Uses.Starts.size(), 1u);
  EXPECT_EQ(Uses.Joins.size(), 1u);
  EXPECT_FALSE(Uses.Escapes);
  // Asked again: the same answer, from the index.
  EXPECT_EQ(&P.Analysis.members().uses(owner(Worker), Worker), &Uses);
}

TEST(MemberUsesTest, PassedByReferenceEscapes) {
  Parsed P(Classes);
  const FieldDecl *Lender = field(P, "Lender");
  const MemberUses &Uses = P.Analysis.members().uses(owner(Lender), Lender);
  EXPECT_EQ(Uses.Starts.size(), 1u);
  EXPECT_TRUE(Uses.Joins.empty());
  EXPECT_TRUE(Uses.Escapes);
}

TEST(MemberUsesTest, MembersTheThreadWrites) {
  Parsed P(Classes);
  const FieldDecl *Worker = field(P, "Worker");
  const MemberUses &Uses = P.Analysis.members().uses(owner(Worker), Worker);
  auto Written =
      P.Analysis.members().writtenByThreads(owner(Worker), Uses.Starts);
  EXPECT_TRUE(Written.count(field(P, "Done")));
  EXPECT_FALSE(Written.count(field(P, "Count")));
}

} // namespace
} // namespace clang::tidy::threadlife::handles
