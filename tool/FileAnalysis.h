//===--- FileAnalysis.h - run the checks over one source file ---*- C++ -*-===//

#ifndef THREADLIFE_TOOL_FILEANALYSIS_H
#define THREADLIFE_TOOL_FILEANALYSIS_H

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace threadlife {

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
};

/// The outcome of analysing one file. A file that fails carries a one-line
/// reason and no diagnostics; one that does not compile carries its compiler
/// errors as diagnostics, as clang-tidy reports them.
struct FileAnalysis {
  std::string File;
  std::vector<clang::tidy::ClangTidyError> Errors;
  std::unique_ptr<clang::tidy::ClangTidyContext> Context;
  std::unique_ptr<clang::tooling::CompilationDatabase> OwnCompilations;
  std::string Failure;
  bool CompileErrors = false;
};

FileAnalysis analyseFile(llvm::StringRef File,
                         const AnalysisSettings &Settings);

} // namespace threadlife

#endif // THREADLIFE_TOOL_FILEANALYSIS_H
