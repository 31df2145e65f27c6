//===--- Uri.h - file paths as RFC 3986 URIs --------------------*- C++ -*-===//

#ifndef THREADLIFE_TOOL_URI_H
#define THREADLIFE_TOOL_URI_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace threadlife {

/// \p Path with every byte outside RFC 3986's unreserved set and '/'
/// percent-encoded ("a b/é" is "a%20b/%C3%A9"): a relative reference.
std::string percentEncode(llvm::StringRef Path);

/// "file:///abs/path" for an absolute path.
std::string fileUri(llvm::StringRef AbsolutePath);

/// The path a "file:" URI or a relative reference names, decoded; none if
/// \p Uri has another scheme or a malformed escape.
std::optional<std::string> uriPath(llvm::StringRef Uri);

} // namespace threadlife

#endif // THREADLIFE_TOOL_URI_H
