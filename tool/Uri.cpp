//===--- Uri.cpp - file paths as RFC 3986 URIs ----------------------------===//

#include "Uri.h"
#include "llvm/ADT/StringExtras.h"

namespace threadlife {

std::string percentEncode(llvm::StringRef Path) {
  std::string Encoded;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C)) {
      Encoded += C;
    } else {
      Encoded += '%';
      Encoded += llvm::hexdigit(C >> 4);
      Encoded += llvm::hexdigit(C & 15);
    }
  }
  return Encoded;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  return "file://" + percentEncode(AbsolutePath);
}

std::optional<std::string> uriPath(llvm::StringRef Uri) {
  if (Uri.consume_front("file://")) {
    // "file://host/path": only the local host.
    if (!Uri.starts_with("/") && !Uri.consume_front("localhost"))
      return std::nullopt;
  } else if (Uri.contains(':') && Uri.find(':') < Uri.find_first_of("/?#")) {
    return std::nullopt; // another scheme
  }
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] != '%') {
      Path += Uri[I];
      continue;
    }
    unsigned Byte = 0;
    if (I + 2 >= Uri.size() || Uri.substr(I + 1, 2).getAsInteger(16, Byte))
      return std::nullopt;
    Path += static_cast<char>(Byte);
    I += 2;
  }
  return Path;
}

} // namespace threadlife
