//===--- ResultCache.cpp - findings of unchanged files, kept --------------===//

#include "ResultCache.h"
#include "ErrorJson.h"
#include "FixSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

using namespace clang;
using llvm::json::Array;
using llvm::json::Object;

namespace threadlife {

namespace {

// Bumped when an entry's layout changes: older entries are then misses.
constexpr int64_t EntryFormat = 2;

std::string hexDigest(llvm::StringRef Text) {
  llvm::SHA256 Hash;
  Hash.update(Text);
  std::array<uint8_t, 32> Digest = Hash.final();
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

/// The executable's own hash: a rebuilt checker finds other things, at the
/// same version number.
std::string identity() {
  std::string Self = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  auto Buffer = llvm::MemoryBuffer::getFile(Self);
  uint64_t Hash = Buffer ? llvm::xxh3_64bits((*Buffer)->getBuffer()) : 0;
  return (llvm::Twine("threadlife " THREADLIFE_VERSION
                      ", LLVM " LLVM_VERSION_STRING ", ") +
          llvm::Twine::utohexstr(Hash))
      .str();
}

/// A compile command's arguments without those that name outputs: where
/// the object or the dependency file goes does not change what is found.
std::vector<std::string> withoutOutputs(const std::vector<std::string> &Args) {
  std::vector<std::string> Kept;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ") {
      ++I;
      continue;
    }
    if (A.starts_with("-o") || A == "-MD" || A == "-MMD")
      continue;
    Kept.push_back(Args[I]);
  }
  return Kept;
}

bool unchanged(const CachedInput &Input) {
  auto Buffer = llvm::MemoryBuffer::getFile(Input.Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer && (*Buffer)->getBufferSize() == Input.Size &&
         llvm::xxh3_64bits((*Buffer)->getBuffer()) == Input.Hash;
}

std::optional<CachedResult> resultFrom(const llvm::json::Value &V,
                                       llvm::StringRef Key) {
  const Object *O = V.getAsObject();
  if (!O || O->getInteger("format") != EntryFormat ||
      O->getString("key") != Key)
    return std::nullopt;
  auto CompileErrors = O->getBoolean("compileErrors");
  const Array *Inputs = O->getArray("inputs");
  const Array *Errors = O->getArray("errors");
  const Array *Functions = O->getArray("functions");
  if (!CompileErrors || !Inputs || !Errors || !Functions)
    return std::nullopt;
  CachedResult Result;
  Result.CompileErrors = *CompileErrors;
  for (const llvm::json::Value &I : *Inputs) {
    const Object *IO = I.getAsObject();
    auto Path = IO ? IO->getString("path") : std::nullopt;
    auto Size = IO ? IO->getInteger("size") : std::nullopt;
    auto Hash = IO ? IO->getString("hash") : std::nullopt;
    uint64_t HashValue = 0;
    if (!Path || !Size || !Hash || Hash->getAsInteger(16, HashValue))
      return std::nullopt;
    Result.Inputs.push_back({Path->str(), uint64_t(*Size), HashValue});
  }
  for (const llvm::json::Value &E : *Errors) {
    std::optional<tidy::ClangTidyError> Error = errorFromJson(E);
    if (!Error)
      return std::nullopt;
    Result.Errors.push_back(std::move(*Error));
  }
  for (const llvm::json::Value &F : *Functions) {
    const Object *FO = F.getAsObject();
    auto File = FO ? FO->getString("file") : std::nullopt;
    auto Offset = FO ? FO->getInteger("offset") : std::nullopt;
    auto Name = FO ? FO->getString("name") : std::nullopt;
    if (!File || !Offset || !Name)
      return std::nullopt;
    Result.Functions[{File->str(), unsigned(*Offset)}] = Name->str();
  }
  return Result;
}

} // namespace

CachedInput describeInput(llvm::StringRef Path, llvm::StringRef Contents) {
  return {Path.str(), Contents.size(), llvm::xxh3_64bits(Contents)};
}

ResultCache::ResultCache(std::string Dir, uint64_t MaxBytes)
    : Dir(std::move(Dir)), MaxBytes(MaxBytes), Identity(identity()) {}

std::string ResultCache::key(llvm::StringRef Path,
                             llvm::ArrayRef<tooling::CompileCommand> Commands,
                             const tidy::ClangTidyOptions &Options) const {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << Identity << '\0' << Path << '\0';
  for (const tooling::CompileCommand &Command : Commands) {
    OS << Command.Directory << '\0';
    for (const std::string &Arg : withoutOutputs(Command.CommandLine))
      OS << Arg << '\0';
  }
  OS << tidy::configurationAsText(Options);
  return hexDigest(Key);
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key.substr(0, 2), Key + ".json");
  return Path.str().str();
}

std::optional<CachedResult> ResultCache::lookup(llvm::StringRef Key) {
  std::string Path = entryPath(Key);
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  std::optional<CachedResult> Result = resultFrom(*Parsed, Key);
  if (!Result || !llvm::all_of(Result->Inputs, unchanged))
    return std::nullopt;
  // Its time is its last use, for evict().
  int FD = -1;
  if (!llvm::sys::fs::openFileForRead(Path, FD)) {
    llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  return Result;
}

void ResultCache::store(llvm::StringRef Key, const CachedResult &Result) {
  Array Inputs, Errors, Functions;
  for (const CachedInput &I : Result.Inputs)
    Inputs.push_back(Object{{"path", I.Path},
                            {"size", int64_t(I.Size)},
                            {"hash", llvm::utohexstr(I.Hash)}});
  for (const tidy::ClangTidyError &E : Result.Errors)
    Errors.push_back(toJson(E));
  for (const auto &[Place, Name] : Result.Functions)
    Functions.push_back(Object{
        {"file", Place.first}, {"offset", Place.second}, {"name", Name}});
  llvm::json::Value Entry = Object{{"format", EntryFormat},
                                   {"key", Key},
                                   {"compileErrors", Result.CompileErrors},
                                   {"inputs", std::move(Inputs)},
                                   {"errors", std::move(Errors)},
                                   {"functions", std::move(Functions)}};
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  llvm::consumeError(
      writeAtomically(Path, [&](llvm::raw_ostream &OS) { OS << Entry; }));
}

void ResultCache::evict() {
  struct Found {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Found> Entries;
  uint64_t Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::path::extension(It->path()) != ".json" ||
        llvm::sys::fs::status(It->path(), Status) ||
        Status.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= MaxBytes)
    return;
  llvm::sort(Entries,
             [](const Found &A, const Found &B) { return A.Used < B.Used; });
  for (const Found &E : Entries) {
    if (Total <= MaxBytes)
      break;
    if (!llvm::sys::fs::remove(E.Path))
      Total -= E.Size;
  }
}

std::optional<uint64_t> parseSize(llvm::StringRef Text) {
  uint64_t Unit = 1;
  if (!Text.empty()) {
    switch (llvm::toLower(Text.back())) {
    case 'k':
      Unit = 1ull << 10;
      break;
    case 'm':
      Unit = 1ull << 20;
      break;
    case 'g':
      Unit = 1ull << 30;
      break;
    }
    if (Unit != 1)
      Text = Text.drop_back();
  }
  uint64_t N = 0;
  if (Text.empty() || Text.getAsInteger(10, N) ||
      N > std::numeric_limits<uint64_t>::max() / Unit)
    return std::nullopt;
  return N * Unit;
}

} // namespace threadlife
