//===--- SourceText.h - the source lines that reports quote -----*- C++ -*-===//

#ifndef THREADLIFE_TOOL_SOURCETEXT_H
#define THREADLIFE_TOOL_SOURCETEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <vector>

namespace threadlife {

/// 1-based line and column (in bytes, as clang counts) of an offset in a file.
struct LineColumn {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// The files that findings point into, each read once. Reports and
/// fingerprints are made after the analysis and before --fix edits a file,
/// so they see the text the analysis saw. Not for use from several threads.
class SourceText {
public:
  /// {0, 0} when the file cannot be read.
  LineColumn position(llvm::StringRef File, unsigned Offset);
  /// Line \p Line (1-based) without its line end; "" past the end.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);
  /// Lines \p First to \p Last, each with its line end.
  llvm::StringRef lines(llvm::StringRef File, unsigned First, unsigned Last);
  /// How many lines the file has.
  unsigned lineCount(llvm::StringRef File);

private:
  struct Lines {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> Starts; // offset of each line's first byte
  };
  const Lines *read(llvm::StringRef File);

  llvm::StringMap<Lines> Files;
};

} // namespace threadlife

#endif // THREADLIFE_TOOL_SOURCETEXT_H
