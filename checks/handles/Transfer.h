//===--- Transfer.h - what one statement does to the handles ----*- C++ -*-===//
//
// The transfer function of the handle analysis: one function per kind of
// CFG element (declarations, constructions, assignments, member and C API
// calls, lambdas, uses of `this` and of a handle's name, scope ends),
// each updating the path state and telling the observer what happened.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_TRANSFER_H
#define THREADLIFE_CHECKS_HANDLES_TRANSFER_H

#include "handles/BranchFacts.h"
#include "handles/FunctionFacts.h"
#include "handles/HandleObserver.h"
#include "handles/WalkOptions.h"
#include "utils/ExceptionModel.h"

namespace clang::tidy::threadlife::handles {

class Transfer {
public:
  Transfer(const ThreadApi &Api, ASTContext &Ctx, const WalkOptions &Options,
           const HandleSet &Handles, BranchFacts &Facts,
           FunctionFactsCache &Functions, ExceptionModel &Exceptions,
           HandleObserver &Observer)
      : Api(Api), Ctx(Ctx), Options(Options), Handles(Handles), Facts(Facts),
        Functions(Functions), Exceptions(Exceptions), Observer(Observer) {}

  const HandleSet &handles() const { return Handles; }

  /// The statement \p St of \p F; \p Inlined: F is a callee the walk entered.
  void statement(PathState &S, const Stmt *St, const FunctionFacts &F,
                 bool Inlined);
  /// The automatic object \p Var dies (a scope's end, or \p Trigger jumps out).
  void endOfLife(PathState &S, const VarDecl *Var, const Stmt *Trigger,
                 const FunctionFacts &F);
  /// A constructor's member initializer.
  void memberInit(PathState &S, const CXXCtorInitializer *Init);
  /// WalkOptions::Receiver is constructed: its members start as their
  /// declarations say, before its constructor runs.
  void receiverConstructed(PathState &S, const CXXConstructExpr *Construct);
  /// Whether \p Construct makes WalkOptions::Receiver.
  bool constructsReceiver(const CXXConstructExpr *Construct) const;
  /// Whether \p Call passes the pointer receiver on to a function the walk
  /// enters, where a parameter names it.
  bool passesSelf(const CallExpr *Call) const;

private:
  enum class Use { Consumed, Inert, Escape };
  enum class Creation { Joinable, Detached, Unknown };

  // The statement kinds.
  void declaration(PathState &S, const DeclStmt *Decl, const FunctionFacts &F);
  void construction(PathState &S, const CXXConstructExpr *Construct);
  bool assignment(PathState &S, const CXXOperatorCallExpr *Op,
                  const FunctionFacts &F);
  bool methodCall(PathState &S, const CXXMemberCallExpr *Call,
                  const FunctionFacts &F);
  void builtinAssignment(PathState &S, const BinaryOperator *Binary,
                         const FunctionFacts &F);
  void lambda(PathState &S, const LambdaExpr *Lambda);
  void thisUse(PathState &S, const Stmt *This, const FunctionFacts &F);
  void nameUse(PathState &S, const Expr *Ref, const FunctionFacts &F);
  void receiverUse(PathState &S, const DeclRefExpr *Ref,
                   const FunctionFacts &F);
  void selfBound(PathState &S, const Expr *Value, const Stmt *Event);
  bool zeroedAllocation(const Expr *Value, bool FollowCalls) const;
  bool returnsZeroed(const FunctionDecl &F) const;
  void selfUse(PathState &S, const DeclRefExpr *Ref, const FunctionFacts &F);

  // ReceiverObjects.cpp: which object's members the walk follows.
  bool followsThis() const;
  bool isFollowedObject(const Expr *Object) const;

  // What they do to one handle.
  void set(PathState &S, unsigned H, HandleState State, const Stmt *Event,
           const Stmt *Start = nullptr);
  void forgetMembers(PathState &S, const Stmt *Event);
  void moveValue(PathState &S, unsigned H, unsigned W, HandleState Left,
                 const Stmt *Event);
  void joinOrDetach(PathState &S, unsigned H, const Expr *Call, bool IsDetach);
  void initVar(PathState &S, unsigned H, const VarDecl *Var,
               const DeclStmt *Decl);
  void initObject(PathState &S, unsigned H, const Expr *Init,
                  const DeclStmt *Decl);
  void assignObject(PathState &S, unsigned H, const CXXOperatorCallExpr *Op);
  bool namesPointer(unsigned H, const Expr *E) const;
  void setPointer(PathState &S, unsigned H, const Expr *Value,
                  const Stmt *Event);
  void replacePointee(PathState &S, unsigned H, const Expr *Value,
                      const Expr *Where);
  void pointerMethod(PathState &S, unsigned H, const CXXMemberCallExpr *Call);
  void deletion(PathState &S, const CXXDeleteExpr *Delete);
  void assignElement(PathState &S, unsigned C, const CXXOperatorCallExpr *Op,
                     const FunctionFacts &F);
  void fill(PathState &S, unsigned C, const Expr *Call);
  void handleMethod(PathState &S, unsigned H, const CXXMemberCallExpr *Call);
  void containerMethod(PathState &S, unsigned C, const CXXMemberCallExpr *Call);
  void cApiCall(PathState &S, const CallExpr *Call,
                const model::HandleFunction &HF, const FunctionFacts &F);
  void create(PathState &S, const CallExpr *Call, const FunctionFacts &F);
  Creation createdDetached(const CallExpr *Create, const FunctionFacts &F);
  void exceptionPath(PathState &S, const Stmt *Thrower, const FunctionFacts &F,
                     bool Inlined);

  // HandleUses.cpp: how a use of a handle's name the statements above do
  // not cover treats it.
  Use classify(const Expr *Ref, unsigned H, const FunctionFacts &F) const;
  Use classifyElementUse(const Stmt *Element, const FunctionFacts &F) const;
  Use classifyCallArgument(const Expr *Ref, const CallExpr *Call, unsigned H,
                           const FunctionFacts &F) const;

  HandleRef ref(unsigned H) const { return {H, Handles[H]}; }

  const ThreadApi &Api;
  ASTContext &Ctx;
  const WalkOptions &Options;
  const HandleSet &Handles;
  BranchFacts &Facts;
  FunctionFactsCache &Functions;
  ExceptionModel &Exceptions;
  HandleObserver &Observer;
  /// A move construction seen before the declaration it initialises.
  std::pair<const CXXConstructExpr *, HandleValue> PendingMove;
  /// The statement being walked lies in a callee the walk entered.
  bool InCallee = false;
  /// Lambdas capturing `this` whose bodies may change a handle member.
  llvm::DenseMap<const LambdaExpr *, bool> TouchingLambdas;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_TRANSFER_H
