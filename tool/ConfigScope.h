//===--- ConfigScope.h - a .clang-tidy read for threadlife ------*- C++ -*-===//
//
// The driver runs threadlife's checks and nothing else, in projects whose
// .clang-tidy files were written for clang-tidy as a whole. The rule:
//
//  - a Checks or WarningsAsErrors list that names no threadlife check is not
//    addressed to threadlife and is ignored (`-*,bugprone-*` leaves every
//    threadlife check on; `*` runs threadlife's checks, not all of
//    clang-tidy's);
//  - a list that names a threadlife check is obeyed for threadlife's checks:
//    its `*` and `-*` stand for `threadlife-*` and `-threadlife-*`, and the
//    names of other checks in it are ignored;
//  - on the command line (--checks, --warnings-as-errors) the list is always
//    addressed to threadlife;
//  - a key this clang-tidy does not know is ignored with one warning, instead
//    of making the whole file unreadable.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_CONFIGSCOPE_H
#define THREADLIFE_TOOL_CONFIGSCOPE_H

#include "FileAnalysis.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace threadlife {

/// The names of threadlife's checks, sorted.
llvm::ArrayRef<std::string> threadlifeCheckNames();

/// Whether the glob \p Glob (no leading '-') matches a threadlife check.
bool matchesThreadLifeCheck(llvm::StringRef Glob);

/// \p Globs restricted to threadlife's checks by the rule above, or nullopt
/// when the list is not addressed to threadlife.
std::optional<std::string> scopeGlobs(llvm::StringRef Globs,
                                      bool FromCommandLine);

/// Receives a configuration problem that does not stop the analysis.
using ConfigWarningSink = std::function<void(const std::string &)>;

/// Parses a .clang-tidy file as clang-tidy does, except that unknown keys are
/// dropped with a warning. On failure, \p Error says where and why.
llvm::ErrorOr<clang::tidy::ClangTidyOptions>
parseConfigFile(llvm::MemoryBufferRef Config, const ConfigWarningSink &Warn,
                std::string &Error);

/// The nearest .clang-tidy above \p Path that cannot be read, with the reason.
std::optional<std::string> malformedConfigFor(llvm::StringRef Path);

/// The options provider of one file's analysis, with the rule above applied.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
scopedOptionsProvider(const AnalysisSettings &Settings, ConfigWarningSink Warn);

} // namespace threadlife

#endif // THREADLIFE_TOOL_CONFIGSCOPE_H
