//===--- LineFilter.h - only the findings on given lines --------*- C++ -*-===//
//
// --line-filter (clang-tidy's JSON: [{"name":"a.cpp","lines":[[1,3]]}]) and
// --diff=REV (the lines `git diff REV` adds or changes): a finding is
// reported when its place or any step of its path is on one of the lines.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_LINEFILTER_H
#define THREADLIFE_TOOL_LINEFILTER_H

#include "SourceText.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h" // FileFilter
#include "llvm/Support/Error.h"
#include <vector>

namespace threadlife {

class LineFilter {
public:
  /// clang-tidy's --line-filter. A file is matched by the end of its path;
  /// one without lines is matched whole; one not named is left out.
  static llvm::Expected<LineFilter> parse(llvm::StringRef Json);
  /// The lines the work tree around the current directory adds or changes
  /// since \p Revision, as `git diff` shows them.
  static llvm::Expected<LineFilter> changedSince(llvm::StringRef Revision);
  /// The added and changed lines of a `git diff -U0` in \p TopLevel.
  static LineFilter fromDiff(llvm::StringRef Diff, llvm::StringRef TopLevel);

  bool covers(const clang::tidy::ClangTidyError &E, SourceText &Text) const;
  bool covers(llvm::StringRef File, unsigned Line) const;

private:
  std::vector<clang::tidy::FileFilter> Files;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_LINEFILTER_H
