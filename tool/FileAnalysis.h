//===--- FileAnalysis.h - run the checks over one source file ---*- C++ -*-===//

#ifndef THREADLIFE_TOOL_FILEANALYSIS_H
#define THREADLIFE_TOOL_FILEANALYSIS_H

#include "EnclosingFunctions.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace threadlife {

class ResultCache;

/// What every file's analysis shares: where compile commands come from and
/// the options that the command line sets.
struct AnalysisSettings {
  /// From -p or from the flags after `--`; when null, each file's database is
  /// found from its directory upwards, as clang-tidy does.
  const clang::tooling::CompilationDatabase *Compilations = nullptr;
  std::string CompilationsOrigin;
  clang::tidy::ClangTidyGlobalOptions Global;
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  /// From --config or --config-file: replaces the .clang-tidy files.
  std::optional<clang::tidy::ClangTidyOptions> Config;
  /// From --cache-dir; null when results are not cached.
  ResultCache *Cache = nullptr;
};

/// The outcome of analysing one file.
struct FileAnalysis {
  enum class Outcome {
    Analysed,
    /// Compiler errors: the diagnostics hold them, the findings may be few.
    CompileErrors,
    /// Not analysed; Failure says why in one line.
    Failed,
    /// Its configuration enables no threadlife check.
    Skipped,
  };

  /// As the user named it, for messages.
  std::string File;
  /// Absolute and without dots: what the analysis and the reports use.
  std::string Path;
  Outcome Result = Outcome::Analysed;
  std::string Failure;
  std::vector<clang::tidy::ClangTidyError> Errors;
  /// The function around each of Errors, for its fingerprint.
  EnclosingFunctions Functions;
  /// Set by the run: each of Errors' fingerprint ("" for a compiler's).
  std::vector<std::string> Fingerprints;
  /// Findings not reported because the baseline has them, with their
  /// fingerprints: SARIF lists them as unchanged.
  std::vector<std::pair<clang::tidy::ClangTidyError, std::string>> Known;
  std::unique_ptr<clang::tidy::ClangTidyContext> Context;
  std::unique_ptr<clang::tooling::CompilationDatabase> OwnCompilations;
  /// Configuration problems that did not stop the analysis (unknown keys).
  std::vector<std::string> ConfigWarnings;
  /// The findings are the cache's: no input changed since they were made.
  bool FromCache = false;

  bool analysed() const {
    return Result == Outcome::Analysed || Result == Outcome::CompileErrors;
  }
};

/// Analyses \p File; \p Path is its absolute form. Safe to call from several
/// threads at once: each call has its own file system and working directory.
FileAnalysis analyseFile(llvm::StringRef File, llvm::StringRef Path,
                         const AnalysisSettings &Settings);

/// The options in effect for \p Path, as the analysis would see them.
clang::tidy::ClangTidyOptions
effectiveOptions(llvm::StringRef Path, const AnalysisSettings &Settings);

} // namespace threadlife

#endif // THREADLIFE_TOOL_FILEANALYSIS_H
