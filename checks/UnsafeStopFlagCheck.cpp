//===--- UnsafeStopFlagCheck.cpp - threadlife -----------------------------===//

#include "UnsafeStopFlagCheck.h"
#include "AtomicRewrite.h"
#include "StopAnalysis.h"
#include "model/ThreadModel.h"
#include "utils/CalleeClosure.h"
#include "utils/FlagUses.h"
#include "utils/LockSets.h"
#include "utils/NamedDecls.h"
#include "utils/ThreadContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife {

namespace {
using DeclSet = llvm::SmallPtrSet<const ValueDecl *, 2>;

// How far calls are followed from a thread body to find the code it runs.
constexpr unsigned CalleeDepth = 2;

bool isNestedIn(const FunctionDecl *Inner, const FunctionDecl *Outer) {
  for (const DeclContext *DC = Inner; DC; DC = DC->getParent())
    if (DC == Outer)
      return true;
  return false;
}

bool isSignalFlagTypedef(QualType T) {
  while (const auto *Typedef = T->getAs<TypedefType>()) {
    if (llvm::is_contained(model::signalFlagTypedefs(),
                           Typedef->getDecl()->getName()))
      return true;
    T = Typedef->desugar();
  }
  return false;
}

/// A plain scalar that could be a stop flag and is not atomic.
bool isUnsafeFlagType(QualType T) {
  if (T.isNull() || T->isReferenceType() || T.isConstQualified() ||
      T->isAtomicType() || isSignalFlagTypedef(T))
    return false;
  return T->isBooleanType() || T->isIntegerType() || T->isEnumeralType();
}

/// The variable, member or by-reference capture a flag expression names.
/// \p Context is the object the thread body \p Reader was given, if it is
/// one.
const ValueDecl *flagDecl(const Expr *E, const FunctionDecl &Reader,
                          const ContextVars *Context) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    // Only members of an object every function names alike (`this->flag`,
    // a global's, the thread's context: `ctx->quit`) are the same object in
    // the writer; `other.flag` may be another one.
    if (Field && reachesSharedObject(*Member, Context))
      return Field;
    if (const auto *Var = dyn_cast<VarDecl>(Member->getMemberDecl()))
      return Var->hasGlobalStorage() ? Var : nullptr; // static member
    return nullptr;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return nullptr;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || Var->getTLSKind() != VarDecl::TLS_None)
    return nullptr;
  if (Var->hasGlobalStorage())
    return Var;
  // A local of the function that started the thread, captured by reference.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Reader);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  for (const LambdaCapture &Capture : Method->getParent()->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == Var)
      return Capture.getCaptureKind() == LCK_ByRef ? Var : nullptr;
  return nullptr;
}

using FlagReads =
    llvm::SmallVectorImpl<std::pair<const Expr *, const FunctionDecl *>>;

void collectFlagReads(const Expr *Cond, const FunctionDecl &Reader,
                      const ContextVars *Context, FlagReads &Reads,
                      ASTContext &Ctx, unsigned Depth);

// What a helper the condition calls (`while (running())`) returns, one call
// deep, in the functions of this file.
void collectReturnedFlags(const CallExpr &Call, FlagReads &Reads,
                          ASTContext &Ctx, unsigned Depth) {
  const FunctionDecl *F = Call.getDirectCallee();
  const FunctionDecl *Def = F ? F->getDefinition() : nullptr;
  if (Depth > 0 || !Def || !Def->getBody() ||
      Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return;
  llvm::SmallVector<const Stmt *, 16> Work = {Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      if (const Expr *Value = Return->getRetValue())
        collectFlagReads(Value, *Def, nullptr, Reads, Ctx, Depth + 1);
      continue;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

/// The candidate flags whose value \p Cond tests: the condition itself, an
/// operand of !, && or ||, a side of a comparison with a constant
/// (`state != kStopped`), or what a helper it calls returns. A counter
/// compared with a bound (`i < n`) is not a stop flag.
void collectFlagReads(const Expr *Cond, const FunctionDecl &Reader,
                      const ContextVars *Context, FlagReads &Reads,
                      ASTContext &Ctx, unsigned Depth) {
  if (!Cond)
    return;
  const Expr *E = Cond->IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return collectFlagReads(Not->getSubExpr(), Reader, Context, Reads, Ctx,
                            Depth);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->isLogicalOp()) {
      collectFlagReads(Binary->getLHS(), Reader, Context, Reads, Ctx, Depth);
      collectFlagReads(Binary->getRHS(), Reader, Context, Reads, Ctx, Depth);
    } else if (Binary->isEqualityOp()) {
      auto Constant = [&](const Expr *Side) {
        return !Side->isValueDependent() && Side->isIntegerConstantExpr(Ctx);
      };
      const Expr *L = Binary->getLHS(), *R = Binary->getRHS();
      if (Constant(R))
        collectFlagReads(L, Reader, Context, Reads, Ctx, Depth);
      else if (Constant(L))
        collectFlagReads(R, Reader, Context, Reads, Ctx, Depth);
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return collectReturnedFlags(*Call, Reads, Ctx, Depth);
  if (isa<DeclRefExpr, MemberExpr>(E))
    if (const ValueDecl *D = flagDecl(E, Reader, Context);
        D && isUnsafeFlagType(D->getType()))
      Reads.push_back({E, &Reader});
}

/// The source range of the type in \p D's declaration (qualifiers included,
/// storage class excluded), when it is spelled with keywords only.
std::optional<CharSourceRange> typeKeywords(const DeclaratorDecl &D,
                                            const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = D.getBeginLoc(), Name = D.getLocation();
  if (Begin.isMacroID() || Name.isMacroID())
    return std::nullopt;
  static const llvm::StringRef Storage[] = {"static", "inline", "mutable",
                                            "extern"};
  static const llvm::StringRef Type[] = {"volatile", "bool",   "int",
                                         "unsigned", "signed", "long",
                                         "short",    "char",   "_Bool"};
  std::optional<SourceLocation> First, Last;
  Token Tok;
  if (Lexer::getRawToken(Begin, Tok, SM, Ctx.getLangOpts(), true))
    return std::nullopt;
  while (SM.isBeforeInTranslationUnit(Tok.getLocation(), Name)) {
    llvm::StringRef Text =
        Tok.is(tok::raw_identifier) ? Tok.getRawIdentifier() : "";
    if (llvm::is_contained(Type, Text)) {
      if (!First)
        First = Tok.getLocation();
      Last = Tok.getLocation();
    } else if (!llvm::is_contained(Storage, Text) || First) {
      return std::nullopt; // a type name, a template, `*`: not ours to edit
    }
    std::optional<Token> Next =
        Lexer::findNextToken(Tok.getLocation(), SM, Ctx.getLangOpts());
    if (!Next)
      return std::nullopt;
    Tok = *Next;
  }
  if (!First)
    return std::nullopt;
  return CharSourceRange::getTokenRange(*First, *Last);
}
} // namespace

UnsafeStopFlagCheck::UnsafeStopFlagCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Types(Options),
      Inserter(utils::IncludeSorter::IS_LLVM, areDiagsSelfContained()) {}

void UnsafeStopFlagCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Types.store(Options, Opts);
}

namespace {
/// Records the files that include <atomic> themselves: clang-tidy's include
/// inserter misses one that comes after a header that sorts later.
class AtomicIncludes : public PPCallbacks {
public:
  AtomicIncludes(const SourceManager &SM, llvm::DenseSet<FileID> &Files)
      : SM(SM), Files(Files) {}
  void InclusionDirective(SourceLocation Hash, const Token &, StringRef Name,
                          bool Angled, CharSourceRange, OptionalFileEntryRef,
                          StringRef, StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (Angled && Name == model::atomicHeader())
      Files.insert(SM.getFileID(Hash));
  }

private:
  const SourceManager &SM;
  llvm::DenseSet<FileID> &Files;
};
} // namespace

void UnsafeStopFlagCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  Inserter.registerPreprocessor(PP);
  PP->addPPCallbacks(std::make_unique<AtomicIncludes>(SM, IncludesAtomic));
}

void UnsafeStopFlagCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<llvm::StringRef> Classes = Types.api().startingClassNames(),
                               Functions;
  for (const model::ThreadStart &Start : model::threadStarts())
    if (!Start.IsType)
      Functions.push_back(Start.Name);
  Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(
                                          cxxRecordDecl(hasAnyName(Classes))))),
                                      argumentCountAtLeast(1))
                         .bind("start"),
                     this);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(Functions)))).bind("call"), this);
  // Calls to a wrapper of the file that passes its start routine on to a C
  // create (ThreadApi::handleFunction tells which argument it is).
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasBody(hasDescendant(callExpr(callee(
                   functionDecl(model::cApiFunction(model::handleFunctionNames(
                       model::HandleOp::CreateIntoArg))))))))))
          .bind("wrapperCall"),
      this);
  Finder->addMatcher(model::qtThreadRunDefinition().bind("qtRun"), this);
}

void UnsafeStopFlagCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  auto Add = [&](const Expr *Callable, const Expr *Start) {
    const FunctionDecl *F = callableBody(Callable);
    if (F && !F->isDependentContext())
      Bodies.insert({F, Start});
  };
  if (const auto *Start = Result.Nodes.getNodeAs<CXXConstructExpr>("start")) {
    if (Types.api().threadStart(Start))
      Add(Start->getArg(0), Start);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    for (const model::ThreadStart &S : model::threadStarts())
      if (!S.IsType && model::isOneOf(Call->getDirectCallee(), {S.Name}) &&
          S.CallableArg < Call->getNumArgs())
        Add(Call->getArg(S.CallableArg), Call);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("wrapperCall")) {
    if (const Expr *Callable = Types.api().callableOf(Call))
      Add(Callable, Call);
    return;
  }
  if (const auto *Run = Result.Nodes.getNodeAs<CXXMethodDecl>("qtRun"))
    Bodies.insert({Run, nullptr});
}

std::vector<FixItHint> UnsafeStopFlagCheck::atomicFix(const ValueDecl &Flag,
                                                      llvm::StringRef Atomic) {
  // atomicFlagFix decides whether every use survives the new type.
  const auto *Declarator = dyn_cast<DeclaratorDecl>(&Flag);
  std::optional<CharSourceRange> Range =
      Declarator ? typeKeywords(*Declarator, *Ctx) : std::nullopt;
  std::vector<FixItHint> Fix =
      Range ? atomicFlagFix(*Declarator, *Range, Atomic, *Ctx)
            : std::vector<FixItHint>();
  FileID File = Ctx->getSourceManager().getFileID(Flag.getLocation());
  if (!Fix.empty() && !IncludesAtomic.contains(File))
    if (std::optional<FixItHint> Include =
            Inserter.createIncludeInsertion(File, "<atomic>"))
      Fix.push_back(*Include);
  return Fix;
}

/// A read of a flag in a loop of a thread's code.
struct UnsafeStopFlagCheck::Poll {
  const Stmt *Loop;
  const Expr *Read;
  const FunctionDecl *Reader;
  /// The thread body whose code the loop is in, and its start.
  const FunctionDecl *Body;
  const Expr *Start;
};

UnsafeStopFlagCheck::PollMap UnsafeStopFlagCheck::findPolls() {
  const SourceManager &SM = Ctx->getSourceManager();
  PollMap Polls;
  // A thread body that calls a virtual method (a wrapper's trampoline
  // calling Execute()) runs the overrides.
  const OverrideIndex Overrides(*Ctx->getTranslationUnitDecl());
  // A wrapper class's trampoline calling the std::function it keeps runs
  // what its constructor was given.
  const StoredCallables Stored(*Ctx);
  for (const auto &[Body, Start] : Bodies) {
    const FunctionDecl *Def = Body->getDefinition();
    if (!Def || !Def->getBody() || SM.isInSystemHeader(Def->getLocation()))
      continue;
    // The code the thread runs: its body and the functions of this file it
    // calls, a few calls deep.
    FunctionSet &Code = ThreadCode[Def];
    addCalleeClosure(
        *Def, CalleeDepth, SM, Code, [](const CallExpr &) { return true; },
        &Overrides, &Stored);
    const ContextVars Context = threadContext(*Def);
    for (const FunctionDecl *F : Code)
      for (const Stmt *Loop : loopsOf(*F->getBody())) {
        llvm::SmallVector<std::pair<const Expr *, const FunctionDecl *>, 4>
            Reads;
        for (const Stmt *Decider : loopDeciders(*Loop))
          collectFlagReads(dyn_cast<Expr>(Decider), *F,
                           F == Def ? &Context : nullptr, Reads, *Ctx, 0);
        for (const auto &[Read, Reader] : Reads) {
          const ValueDecl *Flag = referencedDecl(Read);
          if (!Flag)
            continue;
          std::vector<Poll> &List = Polls[Flag];
          if (llvm::none_of(List,
                            [&](const Poll &P) { return P.Read == Read; }))
            List.push_back({Loop, Read, Reader, Def, Start});
        }
      }
  }
  return Polls;
}

// Set up by the function that starts the thread, before it does: \p Start
// is in it, or in a function it calls after the write (a wrapper class's
// start()).
static bool startsLater(const FlagWrite &W, const Expr &Start,
                        const SourceManager &SM) {
  const Stmt *Body = W.Function->getBody();
  if (!Body)
    return false;
  auto Contains = [&](const Stmt *S) {
    return S && S->getSourceRange().fullyContains(Start.getSourceRange());
  };
  auto After = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(W.Access->getBeginLoc(),
                                        S.getBeginLoc());
  };
  if (Contains(Body))
    return After(Start);
  llvm::SmallVector<const CallExpr *, 16> Calls;
  collectCalls(Body, Calls, /*IntoLambdas=*/false);
  return llvm::any_of(Calls, [&](const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    return Def && Contains(Def->getBody()) && After(*Call);
  });
}

// Writers: functions outside every polling thread's code, after the thread
// starts; constructors run before any thread sees the object.
std::vector<FlagWrite> UnsafeStopFlagCheck::racingWrites(
    const ValueDecl *Flag, llvm::ArrayRef<Poll> Polls, const FlagUses &Uses) {
  const SourceManager &SM = Ctx->getSourceManager();
  std::vector<FlagWrite> Writers;
  for (const auto &[D, W] : Uses.Writes) {
    if (D != Flag || !W.Function || isa<CXXConstructorDecl>(W.Function))
      continue;
    bool SameThread = false, BeforeStart = false;
    for (const Poll &P : Polls) {
      for (const FunctionDecl *F : ThreadCode[P.Body])
        if (isNestedIn(W.Function, F))
          SameThread = true;
      if (P.Start && startsLater(W, *P.Start, SM))
        BeforeStart = true;
    }
    if (!SameThread && !BeforeStart)
      Writers.push_back(W);
  }
  return Writers;
}

// Every poll and every write under one mutex: synchronized.
static bool underOneMutex(llvm::ArrayRef<UnsafeStopFlagCheck::Poll> Polls,
                          llvm::ArrayRef<FlagWrite> Writers) {
  std::optional<DeclSet> Common;
  auto Meet = [&](const Stmt &S, const FunctionDecl &F) {
    DeclSet Held = mutexesHeldAt(S, F);
    if (!Common) {
      Common = Held;
      return;
    }
    DeclSet Both;
    for (const ValueDecl *M : *Common)
      if (Held.contains(M))
        Both.insert(M);
    Common = Both;
  };
  for (const UnsafeStopFlagCheck::Poll &P : Polls)
    Meet(*P.Read, *P.Reader);
  for (const FlagWrite &W : Writers)
    Meet(*W.Access, *W.Function);
  return Common && !Common->empty();
}

void UnsafeStopFlagCheck::report(const ValueDecl &Flag,
                                 llvm::ArrayRef<Poll> Polls,
                                 llvm::ArrayRef<FlagWrite> Writers) {
  const bool Cxx = Ctx->getLangOpts().CPlusPlus;
  std::string Atomic = Cxx ? "std::atomic<" +
                                 Flag.getType()
                                     .getUnqualifiedType()
                                     .getLocalUnqualifiedType()
                                     .getAsString(Ctx->getPrintingPolicy()) +
                                 ">"
                           : std::string("an _Atomic type (atomic_bool)");
  {
    auto Warning =
        Flag.getType().isVolatileQualified()
            ? diag(Flag.getLocation(),
                   "stop flag %0 is polled by a thread's loop and written "
                   "by another thread, but volatile makes neither the write "
                   "visible in time nor the access free of a data race; "
                   "make it %1")
            : diag(Flag.getLocation(),
                   "stop flag %0 is polled by a thread's loop and written "
                   "by another thread without synchronization: a data race, "
                   "and the compiler may read it once and loop forever; "
                   "make it %1");
    Warning << &Flag << Atomic;
    if (Cxx)
      for (const FixItHint &Edit : atomicFix(Flag, Atomic))
        Warning << Edit;
  }
  for (const Poll &P : Polls)
    diag(P.Read->getBeginLoc(), "polled here, in the thread's loop",
         DiagnosticIDs::Note);
  for (const FlagWrite &W : Writers)
    diag(W.Access->getBeginLoc(),
         "written here, in a function the thread's body does not call",
         DiagnosticIDs::Note);
}

void UnsafeStopFlagCheck::onEndOfTranslationUnit() {
  if (!Ctx || Bodies.empty())
    return;
  auto Done = llvm::make_scope_exit([this] {
    Bodies.clear();
    ThreadCode.clear();
  });
  PollMap Polls = findPolls();
  if (Polls.empty())
    return;
  llvm::SmallPtrSet<const ValueDecl *, 8> Flags;
  for (const auto &Entry : Polls)
    Flags.insert(Entry.first);
  FlagUses Uses = findFlagUses(*Ctx, Flags);
  for (const auto &[Flag, FlagPolls] : Polls) {
    if (Uses.Atomic.contains(Flag) ||
        Ctx->getSourceManager().isInSystemHeader(Flag->getLocation()))
      continue;
    std::vector<FlagWrite> Writers = racingWrites(Flag, FlagPolls, Uses);
    if (!Writers.empty() && !underOneMutex(FlagPolls, Writers))
      report(*Flag, FlagPolls, Writers);
  }
}

} // namespace clang::tidy::threadlife
