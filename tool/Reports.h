//===--- Reports.h - machine-readable reports of an analysis ----*- C++ -*-===//

#ifndef THREADLIFE_TOOL_REPORTS_H
#define THREADLIFE_TOOL_REPORTS_H

#include "Baseline.h"
#include "FileAnalysis.h"
#include "SourceText.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace threadlife {

/// SARIF 2.1.0 as GitHub code scanning takes it: one rule per check with
/// its page, one result per finding with its fingerprint, snippet, related
/// locations and path, its fix-its as fixes; files named relative to
/// \p Root; the files not analysed as notifications of the invocation. With
/// a baseline, each result has its baselineState, and the baseline's findings
/// that are gone are listed as absent.
void writeSarif(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                const Baseline *Known, llvm::raw_ostream &OS);

/// A SARIF 2.1.0 log of one run.
void writeSarifLog(llvm::json::Object Run, llvm::raw_ostream &OS);

/// threadlife's own JSON: every file with its status, every diagnostic with
/// its notes, fixes and fingerprint. See docs/driver.md for the fields.
void writeJson(llvm::ArrayRef<FileAnalysis> Files, llvm::raw_ostream &OS);

} // namespace threadlife

#endif // THREADLIFE_TOOL_REPORTS_H
