//===--- ResultCache.h - findings of unchanged files, kept ------*- C++ -*-===//
//
// --cache-dir: a file whose inputs are unchanged is not parsed again; its
// findings, notes and fixes come from the cache, as the analysis made them.
//
// An entry is found by a key of what the result depends on besides the files
// the analysis read: the file's path, its compile commands (without the
// output options), its effective configuration, and the identity of
// threadlife (version, LLVM version, a hash of the executable). The entry
// lists every file the analysis read with its size and hash; it is used only
// if each still has them. Entries are written under a temporary name and
// renamed, so a reader never sees half of one; one that does not parse, or
// whose key differs, is a miss and is replaced.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_RESULTCACHE_H
#define THREADLIFE_TOOL_RESULTCACHE_H

#include "EnclosingFunctions.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace threadlife {

/// A file the analysis read, as it was then.
struct CachedInput {
  std::string Path;
  uint64_t Size = 0;
  uint64_t Hash = 0;
};

/// What a file's analysis left.
struct CachedResult {
  bool CompileErrors = false;
  std::vector<clang::tidy::ClangTidyError> Errors;
  EnclosingFunctions Functions;
  std::vector<CachedInput> Inputs;
};

class ResultCache {
public:
  /// \p MaxBytes: the size the directory is brought back to after a run,
  /// least recently used entries first.
  ResultCache(std::string Dir, uint64_t MaxBytes);

  /// The key of \p Path's analysis under \p Commands and \p Options.
  std::string key(llvm::StringRef Path,
                  llvm::ArrayRef<clang::tooling::CompileCommand> Commands,
                  const clang::tidy::ClangTidyOptions &Options) const;

  /// The entry of \p Key if every file it lists is unchanged. Safe to call
  /// from several threads.
  std::optional<CachedResult> lookup(llvm::StringRef Key);
  /// Writes \p Result as \p Key's entry; a failure to write only costs the
  /// next run's time. Safe to call from several threads.
  void store(llvm::StringRef Key, const CachedResult &Result);
  /// Removes the least recently used entries until the directory holds at
  /// most MaxBytes.
  void evict();

private:
  std::string entryPath(llvm::StringRef Key) const;

  std::string Dir;
  uint64_t MaxBytes;
  std::string Identity;
};

/// Size and hash of \p Contents, as an entry records them.
CachedInput describeInput(llvm::StringRef Path, llvm::StringRef Contents);

/// "1G", "500M", "64K" or plain bytes; nullopt if malformed.
std::optional<uint64_t> parseSize(llvm::StringRef Text);

} // namespace threadlife

#endif // THREADLIFE_TOOL_RESULTCACHE_H
