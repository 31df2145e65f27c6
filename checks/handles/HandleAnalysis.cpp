//===--- HandleAnalysis.cpp - what happens to thread handles --------------===//

#include "handles/HandleAnalysis.h"
#include "handles/Explorer.h"
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
                           const FunctionFacts &F) const {
  const auto *Var = dyn_cast<VarDecl>(D);
  auto Filled = Var ? F.FilledHandles.find(Var) : F.FilledHandles.end();
  auto Returned = Var ? F.ReturnedHandles.find(Var) : F.ReturnedHandles.end();
  TrackedHandle H{D, TrackedHandle::Object, false, nullptr};
  bool Owning = false;
  if ((H.Class = Api.threadClass(T))) {
  } else if ((H.Class = Api.pointeeClass(T, Owning))) {
    H.Through = Owning ? TrackedHandle::Holder::UniqueOwner
                       : TrackedHandle::Holder::RawPointer;
  } else if ((H.Class = Api.elementClass(T))) {
    H.IsContainer = true;
  } else if (Filled != F.FilledHandles.end() &&
             (Api.isFilledHandle(T) || Api.isFilledHandleArray(T))) {
    H.Kind = TrackedHandle::Filled;
    H.IsContainer = Api.isFilledHandleArray(T);
    H.Library = Filled->second;
  } else if (Returned != F.ReturnedHandles.end() &&
             (T->isPointerType() || T->isIntegerType())) {
    H.Kind = TrackedHandle::Returned;
    H.Library = Returned->second;
  } else {
    return;
  }
  Handles.add(H);
}

HandleSet HandleAnalysis::follow(const FunctionFacts &F,
                                 const WalkOptions &Options) const {
  HandleSet Handles;
  if (Options.Locals)
    for (const VarDecl *Var : F.Locals)
      track(Handles, Var, Var->getType(), F);
  if (Options.Members)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(F.Function))
      for (const FieldDecl *Field : Method->getParent()->fields())
        track(Handles, Field, Field->getType(), F);
  if (Options.Receiver)
    if (const CXXRecordDecl *Record =
            Options.Receiver->getType()->getAsCXXRecordDecl())
      for (const FieldDecl *Field : Record->fields())
        track(Handles, Field, Field->getType(), F);
  return Handles;
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
      V.State = Options.MemberEntry;
      V.Start = Options.MemberStarts.lookup(Field);
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
