//===--- EnclosingFunctions.h - the function around each finding -*- C++
//-*-===//
//
// A finding's fingerprint names the function it is in, so that two findings
// on equal lines of different functions stay apart and an edit elsewhere in
// the file changes neither. The names are taken while the AST lives and kept
// with the findings (and in the cache), by each finding's file and offset.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_ENCLOSINGFUNCTIONS_H
#define THREADLIFE_TOOL_ENCLOSINGFUNCTIONS_H

#include "clang/AST/ASTConsumer.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace threadlife {

/// The qualified name of the innermost named function around a place,
/// by absolute file path and offset; absent outside any function.
using EnclosingFunctions =
    std::map<std::pair<std::string, unsigned>, std::string>;

/// The function definitions of one translation unit, by file.
class FunctionIndex {
public:
  /// Records the definitions in the translation unit's traversal scope; run
  /// after the checks, whose consumer sets no scope of its own.
  std::unique_ptr<clang::ASTConsumer> indexer();

  /// The innermost named function whose definition contains \p Offset of
  /// \p Path, or "".
  std::string around(llvm::StringRef Path, unsigned Offset) const;

private:
  class Indexer;
  struct Range {
    unsigned Begin, End;
    std::string Name;
  };
  llvm::StringMap<std::vector<Range>> ByFile;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_ENCLOSINGFUNCTIONS_H
