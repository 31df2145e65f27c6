//===--- FixSet.h - every fix-it of a run, applied once ---------*- C++ -*-===//
//
// Two translation units that include one header report its fix twice, and a
// file named twice is analysed from the same bytes twice; applying each fix as
// its file finishes would edit a file that has already moved. As clang-tidy
// does for one invocation, the driver collects every fix of the run, drops
// duplicates, refuses a fix that overlaps another one, and rewrites each file
// once at the end, atomically (a temporary file renamed over it).
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_FIXSET_H
#define THREADLIFE_TOOL_FIXSET_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <functional>
#include <string>
#include <vector>

namespace threadlife {

class FixSet {
public:
  /// Takes the fix of \p Finding, if it has one; false when it overlaps an
  /// accepted one and is left out, whole.
  bool add(const clang::tidy::ClangTidyError &Finding);

  /// Rewrites every file that a fix changes. \p StyleFor names the
  /// clang-format style for a file (the FormatStyle option). Returns one line
  /// per file that could not be written.
  std::vector<std::string>
  apply(const std::function<std::string(llvm::StringRef File)> &StyleFor) const;

  unsigned offered() const { return Offered; }
  unsigned accepted() const { return Accepted; }

private:
  llvm::StringMap<clang::tooling::Replacements> ByFile;
  unsigned Offered = 0;
  unsigned Accepted = 0;
};

/// Refuses early (before any analysis) an output path that cannot be written.
llvm::Error checkWritable(llvm::StringRef Path);

/// Writes \p Path through a temporary file in its directory renamed over it,
/// so that a reader sees the old bytes or the new ones, never a part; keeps
/// the file's permissions.
llvm::Error
writeAtomically(llvm::StringRef Path,
                const std::function<void(llvm::raw_ostream &)> &Write);

} // namespace threadlife

#endif // THREADLIFE_TOOL_FIXSET_H
