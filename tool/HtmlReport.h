//===--- HtmlReport.h - a report to browse, path drawn ----------*- C++ -*-===//
//
// --format=html -o DIR, or --html=DIR beside any format: a static site that
// needs no server nor network. index.html counts the findings by check and
// by file and lists them (a page at a time, from findings.js, so that tens of
// thousands load at once) with the files that were not analysed; each
// finding has a page under findings/ that shows the source around every step
// of its path, numbered and annotated inline, its lesson and its fix as a
// diff.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_HTMLREPORT_H
#define THREADLIFE_TOOL_HTMLREPORT_H

#include "FileAnalysis.h"
#include "llvm/Support/Error.h"

namespace threadlife {

/// Writes the report into \p Dir whole or not at all: into a new directory
/// beside it, then renamed over it. An existing \p Dir is replaced only if it
/// is empty or an earlier report.
/// Fails unless \p Dir is absent, an empty directory or an earlier report:
/// checked before the analysis too, so that a long run is not lost at the end.
llvm::Error checkHtmlDirectory(llvm::StringRef Dir);

llvm::Error writeHtml(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                      llvm::StringRef Dir);

} // namespace threadlife

#endif // THREADLIFE_TOOL_HTMLREPORT_H
