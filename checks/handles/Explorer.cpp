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

static const FunctionDecl *withBody(const FunctionDecl *F) {
  const FunctionDecl *Definition = F ? F->getDefinition() : nullptr;
  return Definition && Definition->getBody() && !Definition->isImplicit()
             ? Definition
             : nullptr;
}

// The function whose body the walk enters at \p E: a member function called
// on the followed object (`this`, or the receiver), or the receiver's
// constructor or destructor. The receiver's members are set up at its
// construction whether or not its constructor can be entered.
const FunctionDecl *Explorer::inlinable(const CFGElement &E, unsigned Depth,
                                        PathState &S) {
  if (Depth >= MaxInlineDepth)
    return nullptr;
  // A handle passed by value to a function of the file: followed into it.
  if (std::optional<CFGStmt> St = E.getAs<CFGStmt>())
    if (const auto *Call = dyn_cast<CallExpr>(St->getStmt());
        Call && Step.handles().passesHandle(*Call))
      return withBody(Call->getDirectCallee());
  if (!Options.InlineMemberCalls)
    return nullptr;
  if (std::optional<CFGAutomaticObjDtor> Dtor = E.getAs<CFGAutomaticObjDtor>())
    return Depth == 0 && Options.Receiver &&
                   Dtor->getVarDecl() == Options.Receiver
               ? withBody(
                     Dtor->getDestructorDecl(Options.Receiver->getASTContext()))
               : nullptr;
  std::optional<CFGStmt> St = E.getAs<CFGStmt>();
  if (!St)
    return nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(St->getStmt());
      Depth == 0 && Step.constructsReceiver(Construct)) {
    Step.receiverConstructed(S, Construct);
    return withBody(Construct->getConstructor());
  }
  if (const auto *Call = dyn_cast<CallExpr>(St->getStmt());
      Call && Step.passesSelf(Call))
    return withBody(Call->getDirectCallee());
  const auto *Call = dyn_cast<CXXMemberCallExpr>(St->getStmt());
  if (!Call)
    return nullptr;
  const Expr *Object = Call->getImplicitObjectArgument();
  if (Options.Receiver && Depth == 0 ? namedDecl(Object) != Options.Receiver
                                     : !isThisObject(Object))
    return nullptr;
  return withBody(Call->getMethodDecl());
}

bool Explorer::block(Frame &Fr, const CFGBlock *B, unsigned From, PathState S) {
  for (unsigned I = From; I < B->size(); ++I) {
    const CFGElement &E = (*B)[I];
    if (const FunctionDecl *Callee = inlinable(E, Fr.Depth, S)) {
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
    if (Fr.Depth == 0 || Options.Receiver)
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
