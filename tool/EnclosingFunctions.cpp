//===--- EnclosingFunctions.cpp - the function around each finding --------===//

#include "EnclosingFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace threadlife {

/// Walks declaration contexts (namespaces, classes, templates) but not
/// function bodies: a finding is named by the function that holds it, and
/// a lambda's or local class's body belongs to that function.
class FunctionIndex::Indexer : public ASTConsumer {
public:
  explicit Indexer(FunctionIndex &Index) : Index(Index) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    SM = &Ctx.getSourceManager();
    for (Decl *D : Ctx.getTraversalScope())
      visit(D);
  }

private:
  void visit(const Decl *D) {
    if (const auto *Template = dyn_cast<TemplateDecl>(D))
      if (const NamedDecl *Pattern = Template->getTemplatedDecl())
        D = Pattern;
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      if (F->doesThisDeclarationHaveABody())
        record(*F);
      return;
    }
    if (const auto *Context = dyn_cast<DeclContext>(D))
      for (const Decl *Child : Context->decls())
        visit(Child);
  }

  void record(const FunctionDecl &F) {
    SourceLocation Begin = SM->getFileLoc(F.getBeginLoc());
    SourceLocation End = SM->getFileLoc(F.getEndLoc());
    FileID File = SM->getFileID(Begin);
    if (File.isInvalid() || File != SM->getFileID(End))
      return;
    const std::string *Path = pathOf(File);
    if (!Path)
      return;
    Index.ByFile[*Path].push_back({SM->getFileOffset(Begin),
                                   SM->getFileOffset(End),
                                   F.getQualifiedNameAsString()});
  }

  /// Absolute and without dots, as the findings' paths are.
  const std::string *pathOf(FileID File) {
    auto [It, New] = Paths.try_emplace(File);
    if (New) {
      OptionalFileEntryRef Entry = SM->getFileEntryRefForID(File);
      if (Entry) {
        llvm::SmallString<256> Path(Entry->getName());
        SM->getFileManager().makeAbsolutePath(Path);
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
        It->second = Path.str().str();
      }
    }
    return It->second.empty() ? nullptr : &It->second;
  }

  FunctionIndex &Index;
  const SourceManager *SM = nullptr;
  llvm::DenseMap<FileID, std::string> Paths;
};

std::unique_ptr<ASTConsumer> FunctionIndex::indexer() {
  return std::make_unique<Indexer>(*this);
}

std::string FunctionIndex::around(llvm::StringRef Path, unsigned Offset) const {
  auto It = ByFile.find(Path);
  if (It == ByFile.end())
    return "";
  const Range *Innermost = nullptr;
  for (const Range &R : It->second)
    if (R.Begin <= Offset && Offset <= R.End &&
        (!Innermost || R.End - R.Begin < Innermost->End - Innermost->Begin))
      Innermost = &R;
  return Innermost ? Innermost->Name : "";
}

} // namespace threadlife
