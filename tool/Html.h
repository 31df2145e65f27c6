//===--- Html.h - text as HTML ----------------------------------*- C++ -*-===//

#ifndef THREADLIFE_TOOL_HTML_H
#define THREADLIFE_TOOL_HTML_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace threadlife {

/// \p Text with &, <, >, " and ' as entities: safe in an element or an
/// attribute value.
std::string htmlEscape(llvm::StringRef Text);

/// The Markdown of the check pages as HTML: headings, paragraphs, lists,
/// fenced code, inline code, strong text and links. Everything else is text.
std::string markdownToHtml(llvm::StringRef Markdown);

} // namespace threadlife

#endif // THREADLIFE_TOOL_HTML_H
