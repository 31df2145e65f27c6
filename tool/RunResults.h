//===--- RunResults.h - what a run found, gathered file by file -*- C++ -*-===//

#ifndef THREADLIFE_TOOL_RUNRESULTS_H
#define THREADLIFE_TOOL_RUNRESULTS_H

#include "Baseline.h"
#include "FileAnalysis.h"
#include "Fingerprint.h"
#include "FixSet.h"
#include "LineFilter.h"
#include "llvm/ADT/StringSet.h"
#include <map>

namespace threadlife {

/// Which findings a run reports, besides what the configuration says.
struct ReportScope {
  /// --source-root: fingerprints name files relative to it.
  std::string Root;
  /// --baseline: its findings are known, not reported again.
  Baseline *Known = nullptr;
  /// --line-filter or --diff: only findings on its lines are reported.
  const LineFilter *Lines = nullptr;
};

/// Takes each file's analysis as it finishes: prints its findings at once
/// (text format) and its problems in one line each, drops findings already
/// reported from another translation unit (a header's), gives the others
/// their fingerprints, leaves out those the scope does not report, and keeps
/// the rest for the reports, the fixes and the summary of the end.
class RunResults {
public:
  /// \p ApplyFixes: collect the fixes, and say under each finding (as
  /// clang-tidy --fix does) whether its fix will be applied.
  RunResults(bool PrintText, bool ApplyFixes, ReportScope Scope)
      : PrintText(PrintText), ApplyFixes(ApplyFixes), Scope(std::move(Scope)),
        Prints(this->Scope.Root, Text) {}

  void add(FileAnalysis &File);

  /// The files in the order given, without their analysis contexts.
  llvm::ArrayRef<FileAnalysis> files() const { return Files; }
  /// Every finding and compiler error of the run, each once.
  std::vector<clang::tidy::ClangTidyError> allDiagnostics() const;
  const FixSet &fixes() const { return Fixes; }

  unsigned findings() const { return Findings; }
  unsigned warningsAsErrors() const { return WarningsAsErrors; }
  /// Files not analysed, or analysed with compiler errors.
  unsigned failed() const { return Failed; }
  unsigned skipped() const { return Skipped; }
  /// Files whose results came from the cache.
  unsigned cached() const { return Cached; }
  /// Findings not reported: the baseline has them; they are off the lines.
  unsigned known() const { return KnownFindings; }
  unsigned offLines() const { return OffLines; }
  /// ": 2 forced-kill, 1 unjoined-thread", for the summary line.
  std::string countsByCheck() const;

private:
  void dropRepeated(std::vector<clang::tidy::ClangTidyError> &Errors);
  void fingerprint(FileAnalysis &File);
  /// Leaves out the findings off the line filter and those of the baseline.
  void scope(FileAnalysis &File);
  void count(const FileAnalysis &File);
  /// Takes the fixes of \p Errors, and returns them as the text shows them:
  /// each with clang-tidy's note on whether its fix is applied. The notes are
  /// for the terminal only; the reports and --export-fixes keep the findings.
  std::vector<clang::tidy::ClangTidyError>
  collectFixes(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors);
  void printText(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                 clang::tidy::ClangTidyContext &Context);

  bool PrintText, ApplyFixes;
  ReportScope Scope;
  SourceText Text;
  Fingerprinter Prints;
  std::vector<FileAnalysis> Files;
  llvm::StringSet<> Reported, Warned;
  FixSet Fixes;
  std::map<std::string, unsigned> ByCheck;
  unsigned Findings = 0, WarningsAsErrors = 0, Failed = 0, Skipped = 0,
           Cached = 0, KnownFindings = 0, OffLines = 0;
};

/// A finding of one of threadlife's checks (not a compiler diagnostic nor a
/// configuration problem).
bool isFinding(const clang::tidy::ClangTidyError &E);

void printError(const llvm::Twine &Message);
void printWarning(const llvm::Twine &Message);

} // namespace threadlife

#endif // THREADLIFE_TOOL_RUNRESULTS_H
