//===--- FixSet.cpp - every fix-it of a run, applied once -----------------===//

#include "FixSet.h"
#include "clang/Format/Format.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace threadlife {

bool FixSet::add(const tidy::ClangTidyError &Finding) {
  const llvm::StringMap<tooling::Replacements> &Fix = Finding.Message.Fix;
  if (Fix.empty())
    return true;
  ++Offered;
  // All of a fix or none of it: tentative copies of the files it touches.
  llvm::StringMap<tooling::Replacements> Merged;
  for (const auto &Entry : Fix) {
    tooling::Replacements Accepted = ByFile.lookup(Entry.getKey());
    for (const tooling::Replacement &R : Entry.getValue()) {
      if (llvm::is_contained(Accepted, R))
        continue; // the same edit, reported from another translation unit
      if (llvm::Error Conflict = Accepted.add(R)) {
        llvm::consumeError(std::move(Conflict));
        return false;
      }
    }
    Merged[Entry.getKey()] = std::move(Accepted);
  }
  for (auto &Entry : Merged)
    ByFile[Entry.getKey()] = std::move(Entry.getValue());
  ++Accepted;
  return true;
}

std::vector<std::string> FixSet::apply(
    const std::function<std::string(llvm::StringRef)> &StyleFor) const {
  std::vector<std::string> Problems;
  std::vector<llvm::StringRef> Files;
  for (const auto &Entry : ByFile)
    Files.push_back(Entry.getKey());
  llvm::sort(Files);
  for (llvm::StringRef File : Files) {
    auto Fail = [&](const llvm::Twine &Why) {
      Problems.push_back(
          ("cannot write the fixes to '" + File + "': " + Why).str());
    };
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Fail(Buffer.getError().message());
      continue;
    }
    llvm::StringRef Code = (*Buffer)->getBuffer();
    const tooling::Replacements &Edits = ByFile.find(File)->getValue();
    llvm::Expected<format::FormatStyle> Style =
        format::getStyle(StyleFor(File), File, "none");
    if (!Style) {
      Fail(llvm::toString(Style.takeError()));
      continue;
    }
    llvm::Expected<tooling::Replacements> Cleaned =
        format::cleanupAroundReplacements(Code, Edits, *Style);
    if (Cleaned) {
      auto Formatted = format::formatReplacements(Code, *Cleaned, *Style);
      if (Formatted)
        Cleaned = std::move(Formatted);
      else
        llvm::consumeError(Formatted.takeError()); // keep them unformatted
    }
    if (!Cleaned) {
      Fail(llvm::toString(Cleaned.takeError()));
      continue;
    }
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements(Code, *Cleaned);
    if (!Fixed) {
      Fail(llvm::toString(Fixed.takeError()));
      continue;
    }
    if (*Fixed == Code)
      continue;
    if (llvm::Error E = checkWritable(File)) {
      Fail(llvm::toString(std::move(E)));
      continue;
    }
    if (llvm::Error E =
            writeAtomically(File, [&](llvm::raw_ostream &OS) { OS << *Fixed; }))
      Fail(llvm::toString(std::move(E)));
  }
  return Problems;
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (llvm::sys::fs::exists(Path)) {
    if (llvm::sys::fs::is_directory(Path))
      return llvm::createStringError("is a directory");
    if (std::error_code EC =
            llvm::sys::fs::access(Path, llvm::sys::fs::AccessMode::Write))
      return llvm::createStringError(EC, EC.message());
    // Even for root: a file nobody may write is not the tool's to change.
    llvm::ErrorOr<llvm::sys::fs::perms> Perms =
        llvm::sys::fs::getPermissions(Path);
    if (Perms && !(*Perms & llvm::sys::fs::all_write))
      return llvm::createStringError("the file is read-only");
  }
  llvm::SmallString<256> Dir = llvm::sys::path::parent_path(Path);
  if (Dir.empty())
    Dir = ".";
  if (std::error_code EC =
          llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError(EC, "its directory: " + EC.message());
  return llvm::Error::success();
}

llvm::Error
writeAtomically(llvm::StringRef Path,
                const std::function<void(llvm::raw_ostream &)> &Write) {
  unsigned Mode = llvm::sys::fs::all_read | llvm::sys::fs::all_write;
  if (llvm::ErrorOr<llvm::sys::fs::perms> Perms =
          llvm::sys::fs::getPermissions(Path))
    Mode = *Perms;
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".threadlife-%%%%%%", Mode);
  if (!Temp)
    return Temp.takeError();
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    Write(OS);
    OS.flush();
    if (std::error_code EC = OS.error()) {
      OS.clear_error();
      llvm::consumeError(Temp->discard());
      return llvm::createStringError(EC, EC.message());
    }
  }
  if (llvm::Error E = Temp->keep(Path)) {
    llvm::consumeError(Temp->discard());
    return E;
  }
  return llvm::Error::success();
}

} // namespace threadlife
