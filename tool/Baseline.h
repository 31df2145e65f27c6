//===--- Baseline.h - the findings of an earlier report ---------*- C++ -*-===//
//
// --baseline: a SARIF or JSON report of an earlier run. A finding whose
// fingerprint it has is known and not reported again; SARIF marks each
// result new, unchanged or (the baseline's findings that are gone) absent.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_BASELINE_H
#define THREADLIFE_TOOL_BASELINE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace threadlife {

/// A finding of an earlier report.
struct KnownFinding {
  std::string Check, Message, Fingerprint;
  /// Absolute, or relative to the source root when RelativeToRoot.
  std::string Path;
  bool RelativeToRoot = false;
  unsigned Line = 0, Column = 0;
};

class Baseline {
public:
  /// Reads a report that threadlife wrote with --format=sarif or json.
  static llvm::Expected<Baseline> load(llvm::StringRef File);

  /// Whether the baseline has a finding of \p Fingerprint not yet matched.
  bool match(llvm::StringRef Fingerprint);
  /// The baseline's findings that match() did not take, in its order.
  std::vector<const KnownFinding *> absent() const;
  size_t size() const { return Findings.size(); }

private:
  void add(KnownFinding F);

  std::vector<KnownFinding> Findings;
  std::vector<bool> Matched;
  llvm::StringMap<size_t> ByFingerprint;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_BASELINE_H
