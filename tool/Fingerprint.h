//===--- Fingerprint.h - names of findings that survive edits ---*- C++ -*-===//
//
// A fingerprint names a finding across runs, as code scanning matches alerts
// across commits and --baseline matches an earlier report: a hash of the
// check, the file's path from the source root, the function around the
// finding and the text of the flagged line with its white space removed. No
// line number goes in, so moving code leaves it unchanged. ":N" after the
// hash tells apart the N+1 findings of the run that share one.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_FINGERPRINT_H
#define THREADLIFE_TOOL_FINGERPRINT_H

#include "SourceText.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include <string>

namespace threadlife {

/// The SARIF partialFingerprints key of the fingerprint: its version is
/// bumped if what goes into the hash changes.
inline constexpr llvm::StringLiteral FingerprintKey = "threadlife/v1";

class Fingerprinter {
public:
  Fingerprinter(std::string Root, SourceText &Text)
      : Root(std::move(Root)), Text(Text) {}

  /// The fingerprint of \p E, found in \p Function ("" outside any). Call in
  /// the order of the run: the count after the colon depends on it.
  std::string next(const clang::tidy::ClangTidyError &E,
                   llvm::StringRef Function);

private:
  std::string Root;
  SourceText &Text;
  llvm::StringMap<unsigned> Seen;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_FINGERPRINT_H
