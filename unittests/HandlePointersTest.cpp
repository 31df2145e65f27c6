//===--- HandlePointersTest.cpp - threads held through a pointer ----------===//

#include "HandleFixture.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {
namespace {

constexpr llvm::StringLiteral MockOwners = R"(
namespace std {
template <class T> struct default_delete {};
template <class T, class D = default_delete<T>> class unique_ptr {
public:
  unique_ptr() noexcept;
  unique_ptr(decltype(nullptr)) noexcept;
  explicit unique_ptr(T *) noexcept;
  unique_ptr(unique_ptr &&) noexcept;
  unique_ptr &operator=(unique_ptr &&) noexcept;
  unique_ptr &operator=(decltype(nullptr)) noexcept;
  ~unique_ptr();
  T *operator->() const noexcept;
  T &operator*() const;
  explicit operator bool() const noexcept;
  void reset(T *p = nullptr) noexcept;
  T *release() noexcept;
};
template <class T, class... A> unique_ptr<T> make_unique(A &&...);
template <class T> class shared_ptr {
public:
  explicit shared_ptr(T *);
  ~shared_ptr();
  T *operator->() const noexcept;
};
}
)";

Events walk(llvm::StringRef Code, llvm::StringRef Function) {
  Parsed P((MockOwners + Code).str());
  return P.walk(Function);
}

TEST(HandlePointersTest, UniqueOwnerIsFollowedLikeItsThread) {
  Events E = walk("void f() { auto t = std::make_unique<std::thread>(work);"
                  " t->join(); t->join(); }",
                  "f");
  EXPECT_TRUE(has(E, "joined t Running")) << llvm::join(E, "; ");
  EXPECT_TRUE(has(E, "joined t Joined"));
  EXPECT_TRUE(has(E, "lifeEnds t Joined"));
}

TEST(HandlePointersTest, ResetAndAssignmentDestroyTheThreadObject) {
  Events E = walk("void f() { std::unique_ptr<std::thread> t("
                  "new std::thread(work)); t.reset(); }"
                  "void g() { auto t = std::make_unique<std::thread>(work);"
                  " t->join(); t = std::make_unique<std::thread>(work); }",
                  "f");
  EXPECT_TRUE(has(E, "destroyed t Running")) << llvm::join(E, "; ");
  EXPECT_FALSE(has(E, "lifeEnds t Running")) << llvm::join(E, "; ");
  Parsed P((MockOwners + "void g() { auto t = std::make_unique<std::thread>("
                         "work); t->join(); t = std::make_unique<std::thread>("
                         "work); }")
               .str());
  Events G = P.walk("g");
  EXPECT_TRUE(has(G, "destroyed t Joined")) << llvm::join(G, "; ");
  EXPECT_TRUE(has(G, "lifeEnds t Running"));
}

TEST(HandlePointersTest, DeleteDestroysARawPointersThread) {
  Events E = walk("void f() { std::thread *t = new std::thread(work);"
                  " delete t; }"
                  "void g() { std::thread *t = new std::thread(work); }",
                  "f");
  EXPECT_TRUE(has(E, "destroyed t Running")) << llvm::join(E, "; ");
  Events Joined = walk("void f() { std::thread *t = new std::thread(work);"
                       " t->join(); t->join(); delete t; }",
                       "f");
  EXPECT_TRUE(has(Joined, "joined t Joined")) << llvm::join(Joined, "; ");
  EXPECT_TRUE(has(Joined, "destroyed t Joined"));
  // A raw pointer's end destroys nothing.
  Events G = walk("void g() { std::thread *t = new std::thread(work); }", "g");
  EXPECT_FALSE(has(G, "lifeEnds t Running")) << llvm::join(G, "; ");
}

TEST(HandlePointersTest, NullTestsAndMovesRefineThePointer) {
  Events E = walk("bool ready();"
                  "void f() { std::unique_ptr<std::thread> t;"
                  " if (ready()) t = std::make_unique<std::thread>(work);"
                  " if (t) t->join(); }",
                  "f");
  EXPECT_FALSE(has(E, "joined t Empty")) << llvm::join(E, "; ");
  EXPECT_FALSE(has(E, "lifeEnds t Running"));
  // Moved into another followed owner: the source is empty.
  Parsed P((MockOwners +
            "void g() { auto t = std::make_unique<std::thread>("
            "work); auto u = std::move(t); t.reset(); u->join(); }")
               .str());
  Events G = P.walk("g");
  EXPECT_TRUE(has(G, "destroyed t Empty")) << llvm::join(G, "; ");
  EXPECT_TRUE(has(G, "joined u Running"));
}

TEST(HandlePointersTest, SharedOwnersAreNotHandles) {
  Events E = walk("void f() { std::shared_ptr<std::thread> t("
                  "new std::thread(work)); }",
                  "f");
  EXPECT_TRUE(E.empty()) << llvm::join(E, "; ");
}

} // namespace
} // namespace clang::tidy::threadlife::handles
