//===--- Explorer.cpp - the paths through a function ----------------------===//

#include "handles/Explorer.h"
#include "utils/NamedDecls.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::threadlife::handles {

bool Explorer::walk(const FunctionFacts &F, PathState Entry, unsigned Depth,
                    std::vector<PathState> &Exits) {
  Frame Fr{F, Depth, {}, {}, {}};
  enqueue(Fr, &F.Cfg->getEntry(), std::move(Entry));
  while (!Fr.Work.empty()) {
    auto [Block, S] = std::move(Fr.Work.back());
    Fr.Work.pop_back();
    if (++Steps > MaxSteps)
      return false;
    if (!block(Fr, Block, 0, std::move(S)))
      return false;
  }
  Exits = std::move(Fr.Exits);
  return true;
}

void Explorer::enqueue(Frame &Fr, const CFGBlock *B, PathState S) {
  if (!Fr.Seen[B].insert(S).second)
    return;
  Fr.Work.push_back({B, std::move(S)});
}

// Member functions called on this whose body the walk enters.
const FunctionDecl *Explorer::inlinable(const Stmt *S, unsigned Depth) const {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(S);
  if (!Call || !Options.InlineMemberCalls || Depth >= MaxInlineDepth ||
      !isThisObject(Call->getImplicitObjectArgument()))
    return nullptr;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const FunctionDecl *Definition = Method ? Method->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody())
    return nullptr;
  return Definition;
}

bool Explorer::block(Frame &Fr, const CFGBlock *B, unsigned From, PathState S) {
  for (unsigned I = From; I < B->size(); ++I) {
    const CFGElement &E = (*B)[I];
    if (std::optional<CFGStmt> St = E.getAs<CFGStmt>())
      if (const FunctionDecl *Callee = inlinable(St->getStmt(), Fr.Depth)) {
        const FunctionFacts *CalleeFacts = Functions.get(Callee);
        if (CalleeFacts && CalleeFacts != &Fr.F) {
          std::vector<PathState> Results;
          Facts.forgetMembers(S);
          if (!walk(*CalleeFacts, S, Fr.Depth + 1, Results))
            return false;
          for (PathState &Result : Results)
            if (!block(Fr, B, I + 1, std::move(Result)))
              return false;
          return true;
        }
      }
    element(Fr, E, S);
  }
  if (B == &Fr.F.Cfg->getExit()) {
    if (!llvm::is_contained(Fr.Exits, S))
      Fr.Exits.push_back(S);
    return true;
  }
  return successors(Fr, B, std::move(S));
}

void Explorer::element(Frame &Fr, const CFGElement &E, PathState &S) {
  if (std::optional<CFGStmt> St = E.getAs<CFGStmt>())
    Step.statement(S, St->getStmt(), Fr.F, /*Inlined=*/Fr.Depth > 0);
  else if (std::optional<CFGAutomaticObjDtor> Dtor =
               E.getAs<CFGAutomaticObjDtor>())
    Step.endOfLife(S, Dtor->getVarDecl(), Dtor->getTriggerStmt(), Fr.F);
  else if (std::optional<CFGInitializer> Init = E.getAs<CFGInitializer>()) {
    // A constructor's member initializers: the members start empty.
    if (Fr.Depth == 0)
      Step.memberInit(S, Init->getInitializer());
  } else if (std::optional<CFGLifetimeEnds> End = E.getAs<CFGLifetimeEnds>())
    Step.endOfLife(S, End->getVarDecl(), End->getTriggerStmt(), Fr.F);
}

bool Explorer::successors(Frame &Fr, const CFGBlock *B, PathState S) {
  const Expr *Cond = B->succ_size() == 2 ? B->getLastCondition() : nullptr;
  unsigned I = 0;
  for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
    const unsigned Branch = I++;
    const CFGBlock *Next = Succ.getReachableBlock();
    if (!Next)
      continue;
    PathState Copy = S;
    if (Cond && !Facts.refine(Copy, Cond, Branch == 0, Fr.F))
      continue;
    enqueue(Fr, Next, std::move(Copy));
  }
  return true;
}

} // namespace clang::tidy::threadlife::handles
