//===--- UnsafeStopFlagCheck.cpp - threadlife -----------------------------===//

#include "UnsafeStopFlagCheck.h"
#include "AtomicRewrite.h"
#include "model/ThreadModel.h"
#include "utils/FlagUses.h"
#include "utils/LockSets.h"
#include "clang/AST/ASTContext.h"
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
    : ClangTidyCheck(Name, Context), Types(Options), Bodies(Types),
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
  Bodies.registerMatchers(Finder, this);
}

void UnsafeStopFlagCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  Bodies.collect(Result);
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

// Every poll and every write under one mutex: synchronized.
static bool underOneMutex(llvm::ArrayRef<FlagPoll> Polls,
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
  for (const FlagPoll &P : Polls)
    Meet(*P.Read, *P.Reader);
  for (const FlagWrite &W : Writers)
    Meet(*W.Access, *W.Function);
  return Common && !Common->empty();
}

void UnsafeStopFlagCheck::report(const ValueDecl &Flag,
                                 llvm::ArrayRef<FlagPoll> Polls,
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
  for (const FlagPoll &P : Polls)
    diag(P.Read->getBeginLoc(), "polled here, in the thread's loop",
         DiagnosticIDs::Note);
  for (const FlagWrite &W : Writers)
    diag(W.Access->getBeginLoc(),
         "written here, in a function the thread's body does not call",
         DiagnosticIDs::Note);
}

void UnsafeStopFlagCheck::onEndOfTranslationUnit() {
  if (!Ctx || Bodies.bodies().empty())
    return;
  auto Done = llvm::make_scope_exit([this] { Bodies.clear(); });
  const StopFlagPolls Found(*Ctx, Bodies.bodies(), FlagKinds::Plain);
  if (Found.polls().empty())
    return;
  const FlagUses Uses = Found.uses();
  for (const auto &[Flag, FlagPolls] : Found.polls()) {
    if (Uses.Atomic.contains(Flag) ||
        Ctx->getSourceManager().isInSystemHeader(Flag->getLocation()))
      continue;
    std::vector<FlagWrite> Writers = Found.racingWrites(Flag, Uses);
    if (!Writers.empty() && !underOneMutex(FlagPolls, Writers))
      report(*Flag, FlagPolls, Writers);
  }
}

} // namespace clang::tidy::threadlife
