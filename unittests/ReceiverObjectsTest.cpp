//===--- ReceiverObjectsTest.cpp - a local object followed through its life
//===//

#include "HandleFixture.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {
namespace {

constexpr llvm::StringLiteral Worker = R"(
class Worker {
public:
  ~Worker() { stop(); }
  void start() { t_ = std::thread(work); }
  void stop() { t_.join(); }
  void opaque();
private:
  std::thread t_;
};
)";

// A walk of \p Function that follows its local object \p Name.
Events walkReceiver(llvm::StringRef Code, llvm::StringRef Function,
                    llvm::StringRef Name) {
  using namespace ast_matchers;
  Parsed P((Worker + Code).str());
  auto Found = match(varDecl(hasName(Name)).bind("v"), P.context());
  EXPECT_EQ(Found.size(), 1u);
  if (Found.empty())
    return {};
  WalkOptions Options;
  Options.Locals = false;
  Options.InlineMemberCalls = true;
  Options.Receiver = Found[0].getNodeAs<VarDecl>("v");
  return P.walk(Function, Options);
}

TEST(ReceiverObjectsTest, ConstructionMethodsAndDestructorAreWalkedInto) {
  Events E = walkReceiver("void f(bool c) { Worker w; if (c) return;"
                          " w.start(); }",
                          "f", "w");
  // Destroyed before start(): the destructor's join sees the empty member.
  EXPECT_TRUE(has(E, "joined t_ Empty")) << llvm::join(E, "; ");
  EXPECT_TRUE(has(E, "joined t_ Running"));
  Events Twice =
      walkReceiver("void g() { Worker w; w.start(); w.stop(); }", "g", "w");
  EXPECT_TRUE(has(Twice, "joined t_ Joined")) << llvm::join(Twice, "; ");
}

TEST(ReceiverObjectsTest, EscapesAndUnseenMethodsForgetTheMembers) {
  Events Unseen = walkReceiver(
      "void f() { Worker w; w.start(); w.stop(); w.opaque(); }", "f", "w");
  EXPECT_FALSE(has(Unseen, "joined t_ Joined")) << llvm::join(Unseen, "; ");
  Events Escaped = walkReceiver("void keep(Worker &);"
                                "void g() { Worker w; keep(w); }",
                                "g", "w");
  EXPECT_FALSE(has(Escaped, "joined t_ Empty")) << llvm::join(Escaped, "; ");
}

} // namespace
} // namespace clang::tidy::threadlife::handles
