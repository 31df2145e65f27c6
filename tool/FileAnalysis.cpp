//===--- FileAnalysis.cpp - run the checks over one source file -----------===//

#include "FileAnalysis.h"
#include "TidyVersion.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

namespace threadlife {

namespace {
/// The nearest .clang-tidy above \p File that fails to parse, with the reason;
/// clang-tidy itself only logs such a file and goes on without it.
std::optional<std::string> malformedConfigFor(llvm::StringRef File) {
  llvm::SmallString<256> Dir = llvm::sys::path::parent_path(File);
  while (!Dir.empty()) {
    llvm::SmallString<256> Config = Dir;
    llvm::sys::path::append(Config, ".clang-tidy");
    if (auto Buffer = llvm::MemoryBuffer::getFile(Config)) {
      std::string Message;
      auto Parsed = parseConfigurationWithDiags(
          (*Buffer)->getMemBufferRef(), [&](const llvm::SMDiagnostic &D) {
            if (Message.empty())
              Message =
                  (llvm::Twine(D.getLineNo()) + ":" +
                   llvm::Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                      .str();
          });
      if (!Parsed)
        return "malformed configuration file '" + Config.str().str() + "': " +
               (Message.empty() ? Parsed.getError().message() : Message);
      if (!Parsed->InheritParentConfig.value_or(false))
        return std::nullopt;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

bool isListed(const tooling::CompilationDatabase &Compilations,
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

std::unique_ptr<ClangTidyOptionsProvider>
optionsProvider(const AnalysisSettings &S) {
  if (S.Config)
    return std::make_unique<ConfigOptionsProvider>(S.Global, S.Defaults,
                                                   *S.Config, S.Overrides);
  return std::make_unique<FileOptionsProvider>(S.Global, S.Defaults,
                                               S.Overrides);
}
} // namespace

FileAnalysis analyseFile(llvm::StringRef File, const AnalysisSettings &S) {
  FileAnalysis Result;
  Result.File = File.str();

  llvm::SmallString<256> Path = File;
  if (!llvm::sys::fs::exists(Path)) {
    Result.Failure = "no such file: '" + File.str() + "'";
    return Result;
  }
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);

  const tooling::CompilationDatabase *Compilations = S.Compilations;
  if (!Compilations) {
    std::string Error;
    Result.OwnCompilations =
        tooling::CompilationDatabase::autoDetectFromSource(Path, Error);
    if (!Result.OwnCompilations) {
      Result.Failure = "no compilation database for '" + File.str() +
                       "'; pass -p <build dir> or compiler flags after --";
      return Result;
    }
    Compilations = Result.OwnCompilations.get();
  }
  // A JSON database infers commands for files it does not list; the driver
  // analyses only what the build compiles.
  if (Compilations->getCompileCommands(Path).empty() ||
      !isListed(*Compilations, Path)) {
    Result.Failure = "no compile command for '" + File.str() + "' in " +
                     (S.CompilationsOrigin.empty() ? "its compilation database"
                                                   : S.CompilationsOrigin);
    return Result;
  }
  if (!S.Config)
    if (std::optional<std::string> Malformed = malformedConfigFor(Path)) {
      Result.Failure = *Malformed;
      return Result;
    }

  Result.Context = std::make_unique<ClangTidyContext>(optionsProvider(S));
  Result.Context->setCurrentFile(Path);
  if (Result.Context->getOptions().Checks &&
      enabledCheckNames(Result.Context->getOptions()).empty()) {
    Result.Failure = "no check is enabled for '" + File.str() +
                     "' (see --checks and the Checks of .clang-tidy)";
    return Result;
  }

  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  Result.Errors = runClangTidy(*Result.Context, *Compilations,
                               {Path.str().str()}, FS, /*ApplyAnyFix=*/false);
  for (const ClangTidyError &E : Result.Errors)
    if (E.DiagnosticName == "clang-diagnostic-error")
      Result.CompileErrors = true;
  return Result;
}

} // namespace threadlife
