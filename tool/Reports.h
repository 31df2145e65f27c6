//===--- Reports.h - machine-readable reports of an analysis ----*- C++ -*-===//

#ifndef THREADLIFE_TOOL_REPORTS_H
#define THREADLIFE_TOOL_REPORTS_H

#include "FileAnalysis.h"
#include "llvm/Support/raw_ostream.h"

namespace threadlife {

/// SARIF 2.1.0: one rule per check, one result per warning, its notes as
/// related locations and its fix-its as fixes; files that failed as
/// notifications of the invocation.
void writeSarif(llvm::ArrayRef<FileAnalysis> Files, llvm::raw_ostream &OS);

/// threadlife's own JSON: every file with its status, every diagnostic with
/// its notes and fixes. See docs/driver.md for the fields.
void writeJson(llvm::ArrayRef<FileAnalysis> Files, llvm::raw_ostream &OS);

/// 1-based line and column (in bytes, as clang counts) of an offset in a file.
struct LineColumn {
  unsigned Line = 0;
  unsigned Column = 0;
};
LineColumn lineColumn(llvm::StringRef File, unsigned Offset);

} // namespace threadlife

#endif // THREADLIFE_TOOL_REPORTS_H
