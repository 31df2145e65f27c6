//===--- Explorer.h - the paths through a function --------------*- C++ -*-===//
//
// Explores the paths of one function's CFG, depth first, with the path
// state: a block is entered again only with a state not seen there before,
// a branch is taken only if BranchFacts finds it feasible, and member
// functions called on `this` (or on the receiver object, with its
// constructor and destructor) are walked into, three calls deep, when the
// options say so. A function that needs more than a fixed number of steps
// is given up whole: the walk says it is incomplete.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_EXPLORER_H
#define THREADLIFE_CHECKS_HANDLES_EXPLORER_H

#include "handles/BranchFacts.h"
#include "handles/Transfer.h"
#include <unordered_set>

namespace clang::tidy::threadlife::handles {

class Explorer {
public:
  Explorer(Transfer &Step, BranchFacts &Facts, FunctionFactsCache &Functions,
           const WalkOptions &Options)
      : Step(Step), Facts(Facts), Functions(Functions), Options(Options) {}

  /// Walks \p F from \p Entry; false when the budget ran out. \p Exits: the
  /// distinct states in which the function returns, in the order found.
  bool walk(const FunctionFacts &F, PathState Entry,
            std::vector<PathState> &Exits) {
    return walk(F, std::move(Entry), 0, Exits);
  }

  /// Enough for real functions; a function that needs more is skipped.
  static constexpr unsigned MaxSteps = 40000;
  static constexpr unsigned MaxInlineDepth = 3;

private:
  struct StateHash {
    size_t operator()(const PathState &S) const { return hash_value(S); }
  };
  struct Frame {
    const FunctionFacts &F;
    unsigned Depth;
    std::vector<std::pair<const CFGBlock *, PathState>> Work;
    llvm::DenseMap<const CFGBlock *, std::unordered_set<PathState, StateHash>>
        Seen;
    std::vector<PathState> Exits;
  };

  bool walk(const FunctionFacts &F, PathState Entry, unsigned Depth,
            std::vector<PathState> &Exits);
  void enqueue(Frame &Fr, const CFGBlock *B, PathState S);
  bool block(Frame &Fr, const CFGBlock *B, unsigned From, PathState S);
  void element(Frame &Fr, const CFGElement &E, PathState &S);
  bool successors(Frame &Fr, const CFGBlock *B, PathState S);
  const FunctionDecl *inlinable(const CFGElement &E, unsigned Depth,
                                PathState &S);

  Transfer &Step;
  BranchFacts &Facts;
  FunctionFactsCache &Functions;
  const WalkOptions &Options;
  unsigned Steps = 0;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_EXPLORER_H
