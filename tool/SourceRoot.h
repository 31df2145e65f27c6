//===--- SourceRoot.h - the directory reports are relative to ---*- C++ -*-===//
//
// SARIF names files relative to a source root, fingerprints include the path
// from it, and --shard splits files by it: so that two checkouts of a project
// in different places give the same reports, baselines and shards.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_SOURCEROOT_H
#define THREADLIFE_TOOL_SOURCEROOT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace threadlife {

/// The top level of the git work tree around the files' common directory,
/// else that directory; for absolute paths without dots.
std::string defaultSourceRoot(llvm::ArrayRef<std::string> Paths);

/// \p Path relative to \p Root, with '/' between its parts and without dot
/// segments ("sub/../a.h" is "a.h"); none when \p Path is not under \p Root.
std::optional<std::string> relativeToRoot(llvm::StringRef Path,
                                          llvm::StringRef Root);

} // namespace threadlife

#endif // THREADLIFE_TOOL_SOURCEROOT_H
