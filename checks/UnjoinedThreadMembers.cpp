//===--- UnjoinedThreadMembers.cpp - threadlife ---------------------------===//
//
// unjoined-thread on members: a class that starts a thread into a member and
// whose destructor may leave it running.
//
//===----------------------------------------------------------------------===//

#include "UnjoinedThreadCheck.h"
#include "UnjoinedThreadLeaks.h"
#include "utils/CalleeClosure.h"
#include "utils/Expressions.h"
#include "utils/ParentWalks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

//===--- Members ----------------------------------------------------------===//

// A join in an override of a base class's hook (gtest's TearDown, a
// framework's stop()) runs when the framework says, before destruction.
static bool joinedByHook(llvm::ArrayRef<const Expr *> Joins, ASTContext &Ctx) {
  for (const Expr *Join : Joins)
    for (DynTypedNodeList Parents = Ctx.getParents(*Join); !Parents.empty();
         Parents = Ctx.getParents(Parents[0]))
      if (const auto *Method = Parents[0].get<CXXMethodDecl>()) {
        if (Method->size_overridden_methods() > 0)
          return true;
        if (!Method->getParent()->isLambda())
          break;
      }
  return false;
}

/// A walk of a method that follows the class's handle members, which hold
/// \p Entry when it starts, into the member functions it calls.
static handles::WalkOptions memberWalk(handles::HandleState Entry) {
  handles::WalkOptions Walk;
  Walk.Locals = false;
  Walk.Members = true;
  Walk.MemberEntry = Entry;
  Walk.InlineMemberCalls = true;
  return Walk;
}

/// The flag among \p Flags that branch condition \p Guard tests.
static const FieldDecl *
guardFlag(const Expr &Guard,
          const llvm::SmallPtrSetImpl<const FieldDecl *> &Flags,
          ASTContext &Ctx) {
  const FieldDecl *Flag = nullptr;
  for (const BoundNodes &Node :
       match(findAll(memberExpr().bind("flag")), Guard, Ctx))
    if (const auto *F = dyn_cast<FieldDecl>(
            Node.getNodeAs<MemberExpr>("flag")->getMemberDecl());
        F && Flags.count(F))
      Flag = F;
  return Flag;
}

// A join in a method (not the destructor) that an owner calls: code outside
// the class (`Server::Shutdown()` calling each worker's `Shutdown()`), or a
// protected method of a base class (`StopIOService()`), which its subclasses
// are there to call, or a public method of a class declared in a header,
// whose callers may be in other files (rocksdb's `EndAutoRecovery()`, called
// by the database's close).
static bool joinedByOwner(llvm::ArrayRef<const Expr *> Joins, ASTContext &Ctx) {
  for (const Expr *Join : Joins) {
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(enclosingFunction(*Join, Ctx));
    if (!Method || !Method->getIdentifier() || isa<CXXDestructorDecl>(Method) ||
        isa<CXXConstructorDecl>(Method) || Method->getParent()->isLambda())
      continue;
    const SourceManager &SM = Ctx.getSourceManager();
    if (Method->getAccess() == AS_protected ||
        (Method->getAccess() == AS_public &&
         !SM.isInMainFile(
             SM.getExpansionLoc(Method->getParent()->getLocation()))))
      return true;
    for (const BoundNodes &Node : match(
             traverse(TK_AsIs,
                      translationUnitDecl(forEachDescendant(
                          cxxMemberCallExpr(
                              unless(on(cxxThisExpr())),
                              callee(cxxMethodDecl(hasName(Method->getName()))))
                              .bind("call")))),
             Ctx))
      if (const CXXMethodDecl *Called =
              Node.getNodeAs<CXXMemberCallExpr>("call")->getMethodDecl();
          Called && Called->getCanonicalDecl() == Method->getCanonicalDecl())
        return true;
  }
  return false;
}

// The function that starts the thread then waits on a condition variable
// until the thread sets \p Flag (`cond_.wait(lock, [this] { return loop_; })`):
// when it returns, the thread has written the flag, so a destructor that
// tests it cannot skip the join of a thread that runs.
static bool waitsForFlag(const Expr &Start, const FieldDecl &Flag,
                         ASTContext &Ctx) {
  const FunctionDecl *Starter = enclosingFunction(Start, Ctx);
  if (!Starter || !Starter->getBody())
    return false;
  llvm::SmallVector<const CallExpr *, 16> Calls;
  collectCalls(Starter->getBody(), Calls, /*IntoLambdas=*/false);
  return llvm::any_of(Calls, [&](const CallExpr *Call) {
    const model::BlockingCall *Wait =
        model::findBlockingCall(Call->getDirectCallee());
    if (!Wait || Wait->Kind != model::BlockKind::ConditionWait ||
        !Ctx.getSourceManager().isBeforeInTranslationUnit(Start.getBeginLoc(),
                                                          Call->getBeginLoc()))
      return false;
    return llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
      const auto *Lambda = dyn_cast<LambdaExpr>(skipCopies(Arg));
      return Lambda && !match(findAll(memberExpr(member(equalsNode(&Flag)))),
                              *Lambda->getBody(), Ctx)
                            .empty();
    });
  });
}

void UnjoinedThreadCheck::checkMember(const CXXRecordDecl *Record,
                                      const FieldDecl *Field) {
  if (Record->isDependentContext() || Record->isLambda() ||
      isa<ClassTemplateSpecializationDecl>(Record) ||
      !Record->isThisDeclarationADefinition())
    return;
  const bool IsContainer = api().elementClass(Field->getType()) != nullptr;
  bool Owning = true;
  const model::ThreadClass *Class = IsContainer
                                        ? api().elementClass(Field->getType())
                                        : api().threadClass(Field->getType());
  if (!Class && !IsContainer)
    Class = api().pointeeClass(Field->getType(), Owning);
  if (!Class || !api().terminatesWhenJoinable(*Class, PP) ||
      (IsContainer &&
       Class->Destruction != model::JoinableDestruction::Terminates))
    return;
  handles::MemberUses Uses = analysis(*Ctx).members().uses(Record, Field);
  if (Uses.Starts.empty() || Uses.Escapes)
    return;
  if (CheckExceptionPaths && constructorThrows(Record, Field, IsContainer))
    return;
  if (joinedByHook(Uses.Joins, *Ctx) || joinedByOwner(Uses.Joins, *Ctx) ||
      joinsWhenDestroyed(Field))
    return;
  // Only starts that leave the thread running when their function returns
  // (not `worker_ = std::thread(f); worker_.detach();`).
  llvm::erase_if(Uses.Starts, [&](const Expr *Start) {
    return !leavesRunning(Record, Field, Start);
  });
  if (Uses.Starts.empty())
    return;
  checkRestarts(Record, Field, Uses.Starts);
  std::optional<DestructorLeak> Leak =
      destructorLeak(Record, Field, Uses.Starts);
  if (!Leak)
    return;
  for (const Expr *Where : Leak->Destroyed)
    reportDestruction(Field, Where, Uses.Starts.front());
  // A raw pointer left holding a running thread leaks it; only its delete
  // destroys it.
  if (Owning && Leak->LeavesRunning)
    reportMember(Record, Field, *Class, IsContainer, Uses.Starts.front(),
                 *Leak);
}

std::optional<UnjoinedThreadCheck::DestructorLeak>
UnjoinedThreadCheck::destructorLeak(const CXXRecordDecl *Record,
                                    const FieldDecl *Field,
                                    llvm::ArrayRef<const Expr *> Starts) {
  const CXXDestructorDecl *Dtor = Record->getDestructor();
  if (!Dtor || Dtor->isImplicit() || Dtor->isDefaulted())
    return DestructorLeak();
  const FunctionDecl *DtorDef = Dtor->getDefinition();
  if (!DtorDef || !DtorDef->getBody())
    return std::nullopt; // defined elsewhere
  handles::WalkOptions Walk = memberWalk(handles::HandleState::Running);
  Walk.GuardFields = analysis(*Ctx).members().writtenByThreads(Record, Starts);
  llvm::SmallVector<const FieldDecl *, 4> Awaited;
  for (const FieldDecl *Flag : Walk.GuardFields)
    if (llvm::all_of(Starts, [&](const Expr *Start) {
          return waitsForFlag(*Start, *Flag, *Ctx);
        }))
      Awaited.push_back(Flag);
  for (const FieldDecl *Flag : Awaited)
    Walk.GuardFields.erase(Flag);
  Walk.MemberStarts[Field] = Starts.front();
  Leaks Found(/*Exceptions=*/false);
  if (!analysis(*Ctx).run(DtorDef, Walk, Found))
    return std::nullopt;
  DestructorLeak Result;
  Result.GuardFlags = Walk.GuardFields;
  for (const Leaks::Overwrite &D : Found.Destructions)
    if (D.Handle.Decl == Field)
      Result.Destroyed.push_back(D.Assignment);
  std::optional<unsigned> Index;
  for (const Leak &L : Found.Found)
    if (L.Handle.Decl == Field) {
      Index = L.Index;
      if (L.Guard && !Result.Guard)
        Result.Guard = L.Guard;
    }
  Result.LeavesRunning =
      Index && (Result.Guard || !Found.Settled.count(*Index));
  if (!Result.LeavesRunning && Result.Destroyed.empty())
    return std::nullopt;
  return Result;
}

void UnjoinedThreadCheck::reportMember(const CXXRecordDecl *Record,
                                       const FieldDecl *Field,
                                       const model::ThreadClass &Class,
                                       bool IsContainer, const Expr *Start,
                                       const DestructorLeak &Leak) {
  const std::string Owner = Record->getNameAsString();
  if (IsContainer)
    diag(Field->getLocation(),
         "the threads in %0 may still be joinable when '%1' is destroyed, "
         "which calls std::terminate; join them in the destructor")
        << Field << Owner;
  else if (Class.Destruction == model::JoinableDestruction::Aborts)
    diag(Field->getLocation(),
         "%0 may still be running when '%1' is destroyed, which aborts the "
         "program; quit() and wait() for it in the destructor")
        << Field << Owner;
  else
    diag(Field->getLocation(),
         "%0 may still be joinable when '%1' is destroyed, which calls "
         "std::terminate; join it in the destructor%2")
        << Field << Owner << model::Advice(*Ctx).orJoiningThread();
  diag(Start->getBeginLoc(),
       IsContainer ? "thread added here" : "thread started here",
       DiagnosticIDs::Note);
  if (!Leak.Guard) {
    const CXXDestructorDecl *Dtor = Record->getDestructor();
    SourceLocation Where = !Dtor || Dtor->isImplicit() ? Record->getLocation()
                                                       : Dtor->getLocation();
    diag(Where, "the destructor of '%0' does not join %1", DiagnosticIDs::Note)
        << Owner << Field;
    return;
  }
  diag(Leak.Guard->getBeginLoc(),
       "the join depends on %0, which the thread itself writes: the "
       "destructor can skip the join while the thread still runs",
       DiagnosticIDs::Note)
      << guardFlag(*Leak.Guard, Leak.GuardFlags, *Ctx);
}

// A constructor that starts a thread into the member and may then throw:
// the destructor does not run, and destroying the member's running thread
// calls std::terminate. Reports it; returns whether it did.
bool UnjoinedThreadCheck::constructorThrows(const CXXRecordDecl *Record,
                                            const FieldDecl *Field,
                                            bool IsContainer) {
  for (const CXXConstructorDecl *Ctor : Record->ctors()) {
    const FunctionDecl *Definition = Ctor->getDefinition();
    const auto *Proto = Ctor->getType()->getAs<FunctionProtoType>();
    if (!Definition || !Definition->getBody() || Ctor->isImplicit() ||
        (Proto && Proto->isNothrow()))
      continue;
    handles::WalkOptions Walk = memberWalk(handles::HandleState::Empty);
    Walk.ConstructorExceptions = true;
    Walk.StrictExceptions = ExceptionPathsFromAnyCall;
    Leaks Found(/*Exceptions=*/true);
    if (!analysis(*Ctx).run(Definition, Walk, Found))
      continue;
    for (const Leak &L : Found.Found)
      if (L.Handle.Decl == Field && L.Thrower) {
        diag(Field->getLocation(),
             "%select{%0 may still be joinable|the threads in %0 may still be "
             "joinable}1 when an exception leaves the constructor of '%2': "
             "its destructor does not run, and destroying %select{the "
             "thread|them}1 calls std::terminate; join %select{it|them}1 "
             "before the exception leaves")
            << Field << IsContainer << Record->getName();
        if (L.Start)
          diag(L.Start->getBeginLoc(),
               IsContainer ? "thread added here" : "thread started here",
               DiagnosticIDs::Note);
        diag(L.Thrower->getBeginLoc(), "an exception may leave from here",
             DiagnosticIDs::Note);
        return true;
      }
  }
  return false;
}

// A method that starts the member again past a guard on a flag the thread
// itself writes (`if (loading_) return;` where the loader clears loading_ as
// it ends) lets the restart through once the thread has finished and before
// anyone joined it: the assignment destroys a joinable thread. Without such
// a guard, calling start() twice is the caller's error, not the class's.
void UnjoinedThreadCheck::checkRestarts(const CXXRecordDecl *Record,
                                        const FieldDecl *Field,
                                        llvm::ArrayRef<const Expr *> Starts) {
  const auto Flags = analysis(*Ctx).members().writtenByThreads(Record, Starts);
  if (Flags.empty())
    return;
  llvm::SmallPtrSet<const FunctionDecl *, 2> Walked;
  for (const Expr *Start : Starts) {
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(enclosingFunction(*Start, *Ctx));
    if (!Method || Method->getParent() != Record || Method->isStatic() ||
        isa<CXXConstructorDecl>(Method) || !Walked.insert(Method).second)
      continue;
    handles::WalkOptions Walk = memberWalk(handles::HandleState::Running);
    Walk.GuardFields = Flags;
    Walk.MemberStarts[Field] = Start;
    Leaks Found(/*Exceptions=*/false);
    if (!analysis(*Ctx).run(Method, Walk, Found))
      continue;
    for (const auto *List : {&Found.Overwrites, &Found.Destructions})
      for (const Leaks::Overwrite &O : *List)
        if (O.Handle.Decl == Field && O.Guard) {
          diag(O.Assignment->getExprLoc(),
               "%select{assigning to|resetting}0 %1 may destroy the thread an "
               "earlier call started while it is still joinable, which calls "
               "std::terminate; join it before starting it again")
              << isa<CXXMemberCallExpr>(O.Assignment) << Field;
          diag(O.Guard->getBeginLoc(),
               "the restart is guarded by %0, which the thread itself writes: "
               "the guard lets it through once the thread has finished, before "
               "anyone joined it",
               DiagnosticIDs::Note)
              << guardFlag(*O.Guard, Flags, *Ctx);
          return;
        }
  }
}

bool UnjoinedThreadCheck::leavesRunning(const CXXRecordDecl *Record,
                                        const FieldDecl *Field,
                                        const Expr *Start) {
  const FunctionDecl *FD = nullptr;
  for (DynTypedNodeList Parents = Ctx->getParents(*Start); !Parents.empty();
       Parents = Ctx->getParents(Parents[0])) {
    if ((FD = Parents[0].get<FunctionDecl>()))
      break;
    if (Parents[0].get<LambdaExpr>() || Parents[0].get<CXXRecordDecl>())
      return true;
  }
  // A static factory (`p->worker_ = std::thread(...); return p;`) starts
  // the thread in the object it hands out.
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  if (!Method || Method->getParent() != Record || Method->isStatic())
    return true;
  handles::WalkOptions Walk;
  Walk.Locals = false;
  Walk.Members = true;
  Leaks Found(/*Exceptions=*/false);
  return !analysis(*Ctx).run(Method, Walk, Found) || Found.leaks(Field);
}

} // namespace clang::tidy::threadlife
