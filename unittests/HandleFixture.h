//===--- HandleFixture.h - code and a recording observer for tests -*- C++ -*-//
//
// The handle analysis' unit tests parse a few lines of code against a
// minimal std::thread and pthread API written here, walk one function and
// look at the events it sends.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_UNITTESTS_HANDLEFIXTURE_H
#define THREADLIFE_UNITTESTS_HANDLEFIXTURE_H

#include "handles/HandleAnalysis.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

namespace clang::tidy::threadlife::handles {

inline constexpr llvm::StringLiteral MockThreads = R"(
namespace std {
template <class T> struct remove_reference { using type = T; };
template <class T> struct remove_reference<T &> { using type = T; };
template <class T>
typename remove_reference<T>::type &&move(T &&t) noexcept {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
class thread {
public:
  thread() noexcept;
  template <class F> explicit thread(F f);
  thread(thread &&) noexcept;
  thread &operator=(thread &&) noexcept;
  ~thread();
  bool joinable() const noexcept;
  void join();
  void detach();
};
} // namespace std
extern "C" {
typedef unsigned long pthread_t;
int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
int pthread_join(pthread_t, void **);
int pthread_detach(pthread_t);
pthread_t pthread_self(void);
}
void work();
void *routine(void *);
)";

/// One event, written out: "joined t Joined", "lifeEnds t Running", ...
using Events = std::vector<std::string>;

inline bool has(const Events &E, llvm::StringRef Event) {
  return llvm::is_contained(E, Event.str());
}

class Recorder : public HandleObserver {
public:
  explicit Recorder(bool Exceptions = false) : Exceptions(Exceptions) {}
  Events Seen;

  bool wantsExceptions() const override { return Exceptions; }
  void joined(HandleRef H, const Expr *, const HandleValue &V) override {
    add("joined", H, V.State);
  }
  void detached(HandleRef H, const Expr *, const HandleValue &V) override {
    add("detached", H, V.State);
  }
  void assigned(HandleRef H, const Expr *, const HandleValue &V,
                const Expr *) override {
    add("assigned", H, V.State);
  }
  void destroyed(HandleRef H, const Expr *, const HandleValue &V,
                 const Expr *) override {
    add("destroyed", H, V.State);
  }
  void lifeEnds(HandleRef H, const HandleValue &V, const Stmt *Exit,
                SourceLocation) override {
    add(Exit ? "exits" : "lifeEnds", H, V.State);
  }
  void thrown(HandleRef H, const HandleValue &V, const Stmt *) override {
    add("thrown", H, V.State);
  }
  void returned(const HandleSet &Handles, const PathState &S) override {
    for (unsigned I = 0; I < Handles.size(); ++I)
      add("returned", {I, Handles[I]}, S.Handles[I].State);
  }
  void changed(HandleRef H, HandleState After) override {
    if (After == HandleState::Unknown)
      add("unknown", H, After);
  }
  bool saw(llvm::StringRef Event) const {
    return llvm::is_contained(Seen, Event.str());
  }

private:
  void add(llvm::StringRef What, HandleRef H, HandleState State) {
    static const char *const Names[] = {"Unborn", "Empty",    "Running",
                                        "Joined", "Detached", "MovedFrom",
                                        "Unknown"};
    Seen.push_back((What + " " + H.Handle.Decl->getName() + " " +
                    Names[static_cast<unsigned>(State)])
                       .str());
  }
  const bool Exceptions;
};

/// A walk of a method's handle members, which hold running threads on entry
/// (as in a destructor).
inline WalkOptions runningMembers() {
  WalkOptions Options;
  Options.Locals = false;
  Options.Members = true;
  Options.MemberEntry = HandleState::Running;
  return Options;
}

/// Parsed code (after the mocks) and the analysis of its translation unit.
class Parsed {
public:
  explicit Parsed(llvm::StringRef Code, llvm::StringRef Std = "-std=c++17")
      : AST(tooling::buildASTFromCodeWithArgs((MockThreads + Code).str(),
                                              {Std.str()})),
        Api({}, {}), Analysis(Api, AST->getASTContext(), nullptr) {}

  ASTContext &context() { return AST->getASTContext(); }

  /// The definition of the function or method named \p Name.
  const FunctionDecl *function(llvm::StringRef Name) {
    using namespace ast_matchers;
    auto Found =
        match(functionDecl(hasName(Name), isDefinition()).bind("f"), context());
    EXPECT_EQ(Found.size(), 1u) << Name.str();
    return Found.empty() ? nullptr : Found[0].getNodeAs<FunctionDecl>("f");
  }

  /// The events of a walk of \p Name; "incomplete" when the walk gave up.
  Events walk(llvm::StringRef Name, const WalkOptions &Options = WalkOptions(),
              bool Exceptions = false) {
    Recorder R(Exceptions);
    if (!Analysis.run(function(Name), Options, R))
      return {"incomplete"};
    return R.Seen;
  }

  std::unique_ptr<ASTUnit> AST;
  ThreadApi Api;
  HandleAnalysis Analysis;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_UNITTESTS_HANDLEFIXTURE_H
