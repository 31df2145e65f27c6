//===--- HandleAnalysis.cpp - what happens to thread handles --------------===//

#include "handles/HandleAnalysis.h"
#include "handles/Explorer.h"
#include "utils/Expressions.h"
#include <mutex>

namespace clang::tidy::threadlife::handles {

HandleAnalysis::HandleAnalysis(const ThreadApi &Api, ASTContext &Ctx,
                               const Preprocessor *PP)
    : Api(Api), Ctx(Ctx), Functions(Api, Ctx, PP), Exceptions(Api, Ctx),
      Members(Api, Ctx) {}

std::shared_ptr<HandleAnalysis>
HandleAnalysis::forTranslationUnit(ASTContext &Ctx, const ThreadApi &Api,
                                   const Preprocessor *PP) {
  // Translation units may be analysed on several threads at once (the
  // driver's -j); each has its own ASTContext.
  struct Entry {
    ASTContext *Ctx;
    std::string Key;
    std::weak_ptr<HandleAnalysis> Analysis;
  };
  static std::mutex Lock;
  static std::vector<Entry> Live;
  std::lock_guard<std::mutex> Guard(Lock);
  llvm::erase_if(Live, [](const Entry &E) { return E.Analysis.expired(); });
  for (const Entry &E : Live)
    if (E.Ctx == &Ctx && E.Key == Api.key())
      return E.Analysis.lock();
  auto Analysis = std::make_shared<HandleAnalysis>(Api, Ctx, PP);
  Live.push_back({&Ctx, Api.key(), Analysis});
  return Analysis;
}

void HandleAnalysis::track(HandleSet &Handles, const ValueDecl *D, QualType T,
                           const CreatedInto &Created) const {
  TrackedHandle H{D, TrackedHandle::Object, false, nullptr};
  bool Owning = false;
  if ((H.Class = Api.threadClass(T))) {
  } else if ((H.Class = Api.pointeeClass(T, Owning))) {
    H.Through = Owning ? TrackedHandle::Holder::UniqueOwner
                       : TrackedHandle::Holder::RawPointer;
  } else if ((H.Class = Api.elementClass(T))) {
    H.IsContainer = true;
  } else if (Created.Filled &&
             (Api.isFilledHandle(T) || Api.isFilledHandleArray(T))) {
    H.Kind = TrackedHandle::Filled;
    H.IsContainer = Api.isFilledHandleArray(T);
    H.Library = *Created.Filled;
  } else if (Created.Returned && (T->isPointerType() || T->isIntegerType())) {
    H.Kind = TrackedHandle::Returned;
    H.Library = *Created.Returned;
  } else {
    return;
  }
  Handles.add(H);
}

template <typename Map, typename Key>
static std::optional<model::CThreadLibrary> lookup(const Map &M, Key K) {
  auto It = M.find(K);
  return It == M.end() ? std::nullopt : std::optional(It->second);
}

HandleSet HandleAnalysis::follow(const FunctionFacts &F,
                                 const WalkOptions &Options) {
  HandleSet Handles;
  if (Options.Locals) {
    for (const VarDecl *Var : F.Locals)
      track(Handles, Var, Var->getType(),
            {lookup(F.FilledHandles, Var), lookup(F.ReturnedHandles, Var)});
    aliasParameters(Handles, F);
  }
  if (Options.Members)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F.Function))
      for (const FieldDecl *Field : Method->getParent()->fields())
        track(Handles, Field, Field->getType(), {});
  if (Options.Receiver && Options.Receiver->getType()->isPointerType())
    followSelf(Handles, F, *Options.Receiver);
  else if (Options.Receiver)
    if (const CXXRecordDecl *Record =
            Options.Receiver->getType()->getAsCXXRecordDecl())
      for (const FieldDecl *Field : Record->fields())
        track(Handles, Field, Field->getType(), {});
  return Handles;
}

// A C handle passed by value to a function of the file (`thread_join(tid)`)
// is the same handle in it: the walk enters the function with it.
void HandleAnalysis::aliasParameters(HandleSet &Handles,
                                     const FunctionFacts &F) {
  for (const CallExpr *Call : F.DefinedCalls) {
    const FunctionDecl *Callee = Call->getDirectCallee()->getDefinition();
    if (isa<CXXMethodDecl>(Callee) || Api.handleFunction(Call))
      continue;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
         ++I) {
      const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(Call->getArg(I)));
      std::optional<unsigned> H =
          Ref ? Handles.find(Ref->getDecl()) : std::nullopt;
      const ParmVarDecl *Param = Callee->getParamDecl(I);
      // A helper that only reads the handle (logs it) is judged without
      // entering it (Transfer::classifyCallArgument).
      if (H && Handles[*H].Kind != TrackedHandle::Object &&
          !Handles[*H].IsContainer && !Param->getType()->isReferenceType() &&
          !Functions.onlyReads(Param) &&
          Param->getType().getCanonicalType().getUnqualifiedType() ==
              Ref->getType().getCanonicalType().getUnqualifiedType())
        Handles.alias(Param, *H);
    }
  }
}

// A struct given through \p Pointer: its fields, as the functions the walk
// enters with it (those that get the pointer as an argument) create threads
// into them; those functions' parameters name it too.
void HandleAnalysis::followSelf(HandleSet &Handles, const FunctionFacts &F,
                                const VarDecl &Pointer) {
  const RecordDecl *Record =
      Pointer.getType()->getPointeeType()->getAsRecordDecl();
  if (!Record || !Record->getDefinition())
    return;
  Handles.nameSelf(&Pointer);
  llvm::DenseMap<const FieldDecl *, CreatedInto> Created;
  llvm::SmallVector<std::pair<const FunctionFacts *, unsigned>, 8> Work = {
      {&F, 0}};
  llvm::SmallPtrSet<const FunctionFacts *, 8> Seen = {&F};
  while (!Work.empty()) {
    auto [G, Depth] = Work.pop_back_val();
    for (const auto &[Field, Library] : G->FilledFields)
      Created[Field].Filled = Library;
    for (const auto &[Field, Library] : G->ReturnedFields)
      Created[Field].Returned = Library;
    if (Depth >= Explorer::MaxInlineDepth)
      continue;
    for (const CallExpr *Call : G->DefinedCalls) {
      const FunctionDecl *Callee = Call->getDirectCallee()->getDefinition();
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I)
        if (Handles.isSelf(Call->getArg(I))) {
          Handles.nameSelf(Callee->getParamDecl(I));
          if (const FunctionFacts *CalleeFacts = Functions.get(Callee);
              CalleeFacts && Seen.insert(CalleeFacts).second)
            Work.push_back({CalleeFacts, Depth + 1});
        }
    }
  }
  // A field whose type names nothing but threads is a handle even where no
  // create is in sight: none may have run on the struct yet.
  for (const FieldDecl *Field : Record->getDefinition()->fields()) {
    CreatedInto Into = Created.lookup(Field);
    const QualType T = Field->getType();
    if (!Into.Filled && !Into.Returned)
      (Api.isFilledHandle(T) ? Into.Filled : Into.Returned) =
          Api.handleLibrary(T);
    track(Handles, Field, T, Into);
  }
}

bool HandleAnalysis::run(const FunctionDecl *FD, const WalkOptions &Options,
                         HandleObserver &Observer) {
  if (!FD || FD->isDependentContext())
    return false;
  const FunctionFacts *F = Functions.get(FD);
  if (!F || F->HasErrors)
    return false;
  HandleSet Handles = follow(*F, Options);
  if (Handles.empty())
    return true;
  PathState Entry;
  for (const TrackedHandle &H : Handles) {
    HandleValue V;
    if (const auto *Field = dyn_cast<FieldDecl>(H.Decl);
        Field && !Options.Receiver) {
      auto Own = Options.MemberEntries.find(Field);
      V.State = Own != Options.MemberEntries.end() ? Own->second
                                                   : Options.MemberEntry;
      V.Start = Options.MemberStarts.lookup(Field);
    } else if (Field && isa<ParmVarDecl>(Options.Receiver)) {
      V.State = HandleState::Unknown; // the caller's struct, in any state
    }
    Entry.Handles.push_back(V);
  }
  BranchFacts Facts(Ctx, Handles, Options);
  Transfer Step(Api, Ctx, Options, Handles, Facts, Functions, Exceptions,
                Observer);
  Explorer Paths(Step, Facts, Functions, Options);
  std::vector<PathState> Exits;
  if (!Paths.walk(*F, std::move(Entry), Exits))
    return false;
  for (const PathState &S : Exits)
    Observer.returned(Handles, S);
  return true;
}

} // namespace clang::tidy::threadlife::handles
