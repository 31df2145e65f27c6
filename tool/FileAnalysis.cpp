//===--- FileAnalysis.cpp - run the checks over one source file -----------===//

#include "FileAnalysis.h"
#include "ConfigScope.h"
#include "ResultCache.h"
#include "TidyModuleRegistry.h"
#include "TidyVersion.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

namespace threadlife {

namespace {
bool isHeader(llvm::StringRef Path) {
  return llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".inc"},
                            llvm::sys::path::extension(Path).lower());
}

/// Whether the database lists \p Path itself; a JSON database invents a
/// command for any other file from its neighbours, which the driver accepts
/// for headers only (as clang-tidy analyses them), not for a source file the
/// build does not compile.
bool hasOwnCommand(const tooling::CompilationDatabase &Compilations,
                   llvm::StringRef Path) {
  std::vector<std::string> Files = Compilations.getAllFiles();
  if (Files.empty()) // flags after `--` apply to any file
    return true;
  for (std::string &File : Files) {
    llvm::SmallString<256> Listed(File);
    llvm::sys::path::remove_dots(Listed, /*remove_dot_dot=*/true);
    if (Listed == Path)
      return true;
  }
  return false;
}

/// Limits the translation unit's traversal (matchers, parent map) to the
/// declarations outside system headers, before the checks see it: no check
/// reports in a system header, and walking the standard library's
/// declarations was most of the checks' time.
class ProjectScope : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
        Scope.push_back(D);
    Ctx.setTraversalScope(Scope);
  }
};

/// clang-tidy's own frontend action, minus what makes it unfit for running
/// beside other files in one process: the compiler's summary lines on stderr.
class CheckAction : public tooling::FrontendActionFactory {
public:
  /// \p Inputs: where the files each compilation read are recorded, for the
  /// cache; null when there is no cache.
  CheckAction(ClangTidyContext &Context,
              llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
              FunctionIndex &Functions, std::vector<CachedInput> *Inputs)
      : Checks(Context, std::move(FS)), Functions(Functions), Inputs(Inputs) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Checks, Functions, Inputs);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCH,
                     DiagnosticConsumer *Consumer) override {
    // As clang-tidy: code under #ifdef __clang_analyzer__ is seen.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // "N errors generated." would land in the middle of other files' output.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files, PCH,
                                                Consumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Checks, FunctionIndex &Functions,
           std::vector<CachedInput> *Inputs)
        : Checks(Checks), Functions(Functions), Inputs(Inputs) {}
    std::unique_ptr<ASTConsumer>
    CreateASTConsumer(CompilerInstance &Compiler,
                      llvm::StringRef File) override {
      // In this order: the scope is set before the checks' consumer runs,
      // and the functions are indexed in that scope.
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      Consumers.push_back(std::make_unique<ProjectScope>());
      Consumers.push_back(Checks.createASTConsumer(Compiler, File));
      Consumers.push_back(Functions.indexer());
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }
    // The files as the compilation read them, not as they are afterwards.
    void EndSourceFileAction() override {
      if (!Inputs)
        return;
      CompilerInstance &Compiler = getCompilerInstance();
      SourceManager &SM = Compiler.getSourceManager();
      for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
        std::optional<llvm::StringRef> Data =
            It->second->getBufferDataIfLoaded();
        if (!Data)
          continue;
        llvm::SmallString<256> Path(It->first.getName());
        Compiler.getFileManager().makeAbsolutePath(Path);
        llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
        Inputs->push_back(describeInput(Path, *Data));
      }
    }

  private:
    ClangTidyASTConsumerFactory &Checks;
    FunctionIndex &Functions;
    std::vector<CachedInput> *Inputs;
  };

  ClangTidyASTConsumerFactory Checks;
  FunctionIndex &Functions;
  std::vector<CachedInput> *Inputs;
};

/// clang-tidy's extra arguments from the options of each file.
tooling::ArgumentsAdjuster extraArguments(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args,
                    llvm::StringRef File) {
    ClangTidyOptions Options = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      auto I = Adjusted.begin();
      if (I != Adjusted.end() && !llvm::StringRef(*I).starts_with("-"))
        ++I; // the compiler's name
      Adjusted.insert(I, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    return Adjusted;
  };
}

/// \p Path resolved against the directory the compile command ran in.
std::string absoluteIn(llvm::StringRef Directory, llvm::StringRef Path) {
  if (Path.empty() || llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Absolute = Directory;
  llvm::sys::path::append(Absolute, Path);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return Absolute.str().str();
}

void makeAbsolute(llvm::StringRef Directory, tooling::DiagnosticMessage &M) {
  M.FilePath = absoluteIn(Directory, M.FilePath);
  for (tooling::FileByteRange &Range : M.Ranges)
    Range.FilePath = absoluteIn(Directory, Range.FilePath);
  llvm::StringMap<tooling::Replacements> Fix;
  for (const auto &Entry : M.Fix) {
    std::string File = absoluteIn(Directory, Entry.getKey());
    for (const tooling::Replacement &R : Entry.getValue())
      llvm::consumeError(Fix[File].add(tooling::Replacement(
          File, R.getOffset(), R.getLength(), R.getReplacementText())));
  }
  M.Fix = std::move(Fix);
}

/// Paths in diagnostics are as the compile command spelled them, relative to
/// its directory; the reports, the fixes and the comparison of findings
/// between files need them absolute.
void makeAbsolute(ClangTidyError &E) {
  makeAbsolute(E.BuildDirectory, E.Message);
  for (tooling::DiagnosticMessage &Note : E.Notes)
    makeAbsolute(E.BuildDirectory, Note);
}

/// Runs the checks. \p Result.CompileErrors: the file did not compile (any
/// diagnostic at error level, wherever it is and whatever its name). Records
/// the files the compilation read only if \p RecordInputs.
void runChecks(ClangTidyContext &Context,
               const tooling::CompilationDatabase &Compilations,
               llvm::StringRef Path, bool RecordInputs, CachedResult &Result) {
  // A file system of its own: the real one's working directory is the
  // process's, which the tool changes to each command's directory.
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
          llvm::vfs::createPhysicalFileSystem().release()));
  tooling::ClangTool Tool(Compilations, {Path.str()},
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(extraArguments(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/true,
                                       /*GetFixesFromNotes=*/false);
  TidyDiagnostics Diagnostics(Context, Consumer);
  Tool.setDiagnosticConsumer(&Consumer);
  FunctionIndex Functions;
  CheckAction Action(Context, FS, Functions,
                     RecordInputs ? &Result.Inputs : nullptr);
  const bool Compiled = Tool.run(&Action) == 0;
  Result.Errors = Consumer.take();
  for (ClangTidyError &E : Result.Errors) {
    makeAbsolute(E);
    std::string Name =
        Functions.around(E.Message.FilePath, E.Message.FileOffset);
    if (!Name.empty())
      Result.Functions[{E.Message.FilePath, E.Message.FileOffset}] = Name;
  }
  Result.CompileErrors = !Compiled || Consumer.getNumErrors() != 0;
}

/// The cache's result if no input changed; else the analysis, stored.
CachedResult
analyseThroughCache(ResultCache &Cache,
                    const tooling::CompilationDatabase &Compilations,
                    FileAnalysis &File) {
  const std::string Key =
      Cache.key(File.Path, Compilations.getCompileCommands(File.Path),
                File.Context->getOptions());
  if (std::optional<CachedResult> Cached = Cache.lookup(Key)) {
    File.FromCache = true;
    return std::move(*Cached);
  }
  CachedResult Fresh;
  runChecks(*File.Context, Compilations, File.Path, /*RecordInputs=*/true,
            Fresh);
  Cache.store(Key, Fresh);
  return Fresh;
}
} // namespace

ClangTidyOptions effectiveOptions(llvm::StringRef Path,
                                  const AnalysisSettings &Settings) {
  return scopedOptionsProvider(Settings, [](const std::string &) {})
      ->getOptions(Path);
}

FileAnalysis analyseFile(llvm::StringRef File, llvm::StringRef Path,
                         const AnalysisSettings &S) {
  FileAnalysis Result;
  Result.File = File.str();
  Result.Path = Path.str();
  auto Fail = [&](std::string Why) {
    Result.Result = FileAnalysis::Outcome::Failed;
    Result.Failure = std::move(Why);
    return std::move(Result);
  };

  if (llvm::sys::fs::is_directory(Path))
    return Fail("'" + File.str() +
                "' is a directory; name its source files, "
                "or pass -p <build dir>");
  if (!llvm::sys::fs::exists(Path))
    return Fail("no such file: '" + File.str() + "'");

  const tooling::CompilationDatabase *Compilations = S.Compilations;
  if (!Compilations) {
    std::string Error;
    Result.OwnCompilations =
        tooling::CompilationDatabase::autoDetectFromSource(Path, Error);
    if (!Result.OwnCompilations)
      return Fail("no compilation database for '" + File.str() +
                  "'; pass -p <build dir> or compiler flags after --");
    Compilations = Result.OwnCompilations.get();
  }
  if (Compilations->getCompileCommands(Path).empty() ||
      (!isHeader(Path) && !hasOwnCommand(*Compilations, Path)))
    return Fail("no compile command for '" + File.str() + "' in " +
                (S.CompilationsOrigin.empty() ? "its compilation database"
                                              : S.CompilationsOrigin));
  if (!S.Config)
    if (std::optional<std::string> Malformed = malformedConfigFor(Path))
      return Fail(*Malformed);

  Result.Context = std::make_unique<ClangTidyContext>(scopedOptionsProvider(
      S, [&](const std::string &W) { Result.ConfigWarnings.push_back(W); }));
  Result.Context->setCurrentFile(Path);
  if (enabledCheckNames(Result.Context->getOptions()).empty()) {
    Result.Result = FileAnalysis::Outcome::Skipped;
    return Result;
  }
  CachedResult Analysis;
  if (S.Cache)
    Analysis = analyseThroughCache(*S.Cache, *Compilations, Result);
  else
    runChecks(*Result.Context, *Compilations, Path, /*RecordInputs=*/false,
              Analysis);
  Result.Errors = std::move(Analysis.Errors);
  Result.Functions = std::move(Analysis.Functions);
  if (Analysis.CompileErrors)
    Result.Result = FileAnalysis::Outcome::CompileErrors;
  return Result;
}

} // namespace threadlife
