//===--- SourceText.cpp - the source lines that reports quote -------------===//

#include "SourceText.h"
#include <algorithm>

namespace threadlife {

const SourceText::Lines *SourceText::read(llvm::StringRef File) {
  auto [It, New] = Files.try_emplace(File);
  Lines &L = It->second;
  if (New) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer) {
      L.Buffer = std::move(*Buffer);
      llvm::StringRef Text = L.Buffer->getBuffer();
      L.Starts.push_back(0);
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n' && I + 1 < Text.size())
          L.Starts.push_back(I + 1);
    }
  }
  return L.Buffer ? &L : nullptr;
}

LineColumn SourceText::position(llvm::StringRef File, unsigned Offset) {
  const Lines *L = read(File);
  if (!L)
    return {};
  auto Next = std::upper_bound(L->Starts.begin(), L->Starts.end(), Offset);
  unsigned Line = Next - L->Starts.begin();
  return {Line, Offset - L->Starts[Line - 1] + 1};
}

llvm::StringRef SourceText::lines(llvm::StringRef File, unsigned First,
                                  unsigned Last) {
  const Lines *L = read(File);
  if (!L || First == 0 || First > Last || First > L->Starts.size())
    return "";
  llvm::StringRef Text = L->Buffer->getBuffer();
  size_t End = Last < L->Starts.size() ? L->Starts[Last] : Text.size();
  return Text.slice(L->Starts[First - 1], End);
}

llvm::StringRef SourceText::line(llvm::StringRef File, unsigned Line) {
  return lines(File, Line, Line).rtrim("\r\n");
}

unsigned SourceText::lineCount(llvm::StringRef File) {
  const Lines *L = read(File);
  return L ? L->Starts.size() : 0;
}

} // namespace threadlife
