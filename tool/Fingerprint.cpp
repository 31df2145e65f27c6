//===--- Fingerprint.cpp - names of findings that survive edits -----------===//

#include "Fingerprint.h"
#include "SourceRoot.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

namespace threadlife {

namespace {
std::string withoutSpace(llvm::StringRef Line) {
  std::string Kept;
  for (char C : Line)
    if (!llvm::isSpace(static_cast<unsigned char>(C)))
      Kept += C;
  return Kept;
}
} // namespace

std::string Fingerprinter::next(const clang::tidy::ClangTidyError &E,
                                llvm::StringRef Function) {
  const clang::tooling::DiagnosticMessage &M = E.Message;
  std::string Path =
      relativeToRoot(M.FilePath, Root).value_or(std::string(M.FilePath));
  llvm::SHA256 Hash;
  for (llvm::StringRef Part :
       {llvm::StringRef(E.DiagnosticName), llvm::StringRef(Path), Function}) {
    Hash.update(Part);
    Hash.update(llvm::ArrayRef<uint8_t>{0});
  }
  Hash.update(withoutSpace(
      Text.line(M.FilePath, Text.position(M.FilePath, M.FileOffset).Line)));
  std::array<uint8_t, 32> Digest = Hash.final();
  std::string Name = llvm::toHex(llvm::ArrayRef(Digest).take_front(8),
                                 /*LowerCase=*/true);
  return Name + ":" + std::to_string(Seen[Name]++);
}

} // namespace threadlife
