//===--- RunResults.cpp - what a run found, gathered file by file ---------===//

#include "RunResults.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"

using namespace clang;
using namespace clang::tidy;

namespace threadlife {

bool isFinding(const ClangTidyError &E) {
  return llvm::StringRef(E.DiagnosticName).starts_with("threadlife-");
}

void printError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "threadlife") << Message << "\n";
}

void printWarning(const llvm::Twine &Message) {
  llvm::WithColor::warning(llvm::errs(), "threadlife") << Message << "\n";
}

void RunResults::dropRepeated(std::vector<ClangTidyError> &Errors) {
  llvm::erase_if(Errors, [&](const ClangTidyError &E) {
    std::string Key = llvm::formatv("{0}\n{1}\n{2}\n{3}", E.DiagnosticName,
                                    E.Message.FilePath, E.Message.FileOffset,
                                    E.Message.Message)
                          .str();
    return !Reported.insert(Key).second;
  });
}

void RunResults::fingerprint(FileAnalysis &File) {
  File.Fingerprints.clear();
  for (const ClangTidyError &E : File.Errors) {
    auto Function =
        File.Functions.find({E.Message.FilePath, E.Message.FileOffset});
    File.Fingerprints.push_back(
        isFinding(E) ? Prints.next(E, Function == File.Functions.end()
                                          ? ""
                                          : llvm::StringRef(Function->second))
                     : "");
  }
}

void RunResults::scope(FileAnalysis &File) {
  std::vector<ClangTidyError> Kept;
  std::vector<std::string> KeptPrints;
  for (size_t I = 0; I < File.Errors.size(); ++I) {
    ClangTidyError &E = File.Errors[I];
    std::string &Print = File.Fingerprints[I];
    // Matched even off the lines: the baseline's findings that are left
    // over are those gone from the code, not those outside a diff.
    const bool InBaseline =
        isFinding(E) && Scope.Known && Scope.Known->match(Print);
    if (isFinding(E) && Scope.Lines && !Scope.Lines->covers(E, Text)) {
      ++OffLines;
    } else if (InBaseline) {
      ++KnownFindings;
      File.Known.emplace_back(std::move(E), std::move(Print));
    } else {
      Kept.push_back(std::move(E));
      KeptPrints.push_back(std::move(Print));
    }
  }
  File.Errors = std::move(Kept);
  File.Fingerprints = std::move(KeptPrints);
}

void RunResults::count(const FileAnalysis &File) {
  Cached += File.FromCache;
  for (const ClangTidyError &E : File.Errors) {
    if (!isFinding(E))
      continue;
    ++Findings;
    ++ByCheck[E.DiagnosticName];
    WarningsAsErrors += E.IsWarningAsError;
  }
}

void RunResults::add(FileAnalysis &File) {
  for (const std::string &W : File.ConfigWarnings)
    if (Warned.insert(W).second)
      printWarning(W);
  switch (File.Result) {
  case FileAnalysis::Outcome::Failed:
    ++Failed;
    printError(File.Failure);
    break;
  case FileAnalysis::Outcome::Skipped:
    ++Skipped;
    break;
  case FileAnalysis::Outcome::Analysed:
  case FileAnalysis::Outcome::CompileErrors:
    dropRepeated(File.Errors);
    fingerprint(File);
    scope(File);
    count(File);
    if (ApplyFixes && File.Result == FileAnalysis::Outcome::Analysed) {
      std::vector<ClangTidyError> Announced = collectFixes(File.Errors);
      printText(Announced, *File.Context);
    } else {
      printText(File.Errors, *File.Context);
    }
    if (File.Result == FileAnalysis::Outcome::CompileErrors) {
      ++Failed;
      printError("'" + File.File +
                 "' does not compile; its findings are incomplete" +
                 (ApplyFixes ? " and its fixes are not applied" : ""));
    }
    break;
  }
  File.Context.reset();
  File.OwnCompilations.reset();
  Files.push_back(std::move(File));
}

void RunResults::printText(llvm::ArrayRef<ClangTidyError> Errors,
                           ClangTidyContext &Context) {
  if (!PrintText || Errors.empty())
    return;
  unsigned Ignored = 0;
  handleErrors(Errors, Context, FB_NoFix, Ignored,
               llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
                   llvm::vfs::createPhysicalFileSystem().release()));
  llvm::outs().flush();
}

std::vector<ClangTidyError>
RunResults::collectFixes(llvm::ArrayRef<ClangTidyError> Errors) {
  std::vector<ClangTidyError> Announced(Errors.begin(), Errors.end());
  for (ClangTidyError &E : Announced) {
    if (!isFinding(E) || E.Message.Fix.empty())
      continue;
    // clang-tidy's words, at each edit, before the finding's own notes.
    const char *Said = Fixes.add(E) ? "FIX-IT applied suggested code changes"
                                    : "FIX-IT unable to apply suggested code "
                                      "changes";
    std::vector<tooling::DiagnosticMessage> Notes;
    for (const auto &Entry : E.Message.Fix)
      for (const tooling::Replacement &R : Entry.getValue()) {
        tooling::DiagnosticMessage Note;
        Note.Message = Said;
        Note.FilePath = R.getFilePath().str();
        Note.FileOffset = R.getOffset();
        Notes.push_back(std::move(Note));
      }
    E.Notes.insert(E.Notes.begin(), Notes.begin(), Notes.end());
  }
  return Announced;
}

std::vector<ClangTidyError> RunResults::allDiagnostics() const {
  std::vector<ClangTidyError> All;
  for (const FileAnalysis &F : Files)
    llvm::append_range(All, F.Errors);
  return All;
}

std::string RunResults::countsByCheck() const {
  std::string Summary;
  for (const auto &[Check, Count] : ByCheck)
    Summary += llvm::formatv("{0} {1} {2}", Summary.empty() ? ":" : ",", Count,
                             llvm::StringRef(Check).drop_front(
                                 llvm::StringRef("threadlife-").size()))
                   .str();
  return Summary;
}

} // namespace threadlife
