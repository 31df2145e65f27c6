//===--- HtmlFindingPage.h - one finding, its path drawn --------*- C++ -*-===//

#ifndef THREADLIFE_TOOL_HTMLFINDINGPAGE_H
#define THREADLIFE_TOOL_HTMLFINDINGPAGE_H

#include "SourceText.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <string>

namespace threadlife {

/// The page of finding \p Id: its message; the source around each step of its
/// path (the notes elsewhere than the finding, in the check's order, then the
/// finding), numbered and annotated after its line, as scan-build draws a
/// path; the notes at the finding's own place as advice; its fix as a diff;
/// the lesson of its check. Files are named relative to \p Root.
std::string findingPage(const clang::tidy::ClangTidyError &E, unsigned Id,
                        SourceText &Text, llvm::StringRef Root);

} // namespace threadlife

#endif // THREADLIFE_TOOL_HTMLFINDINGPAGE_H
