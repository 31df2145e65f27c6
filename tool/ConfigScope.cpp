//===--- ConfigScope.cpp - a project's .clang-tidy, read by threadlife ----===//

#include "ConfigScope.h"
#include "TidyVersion.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/YAMLParser.h"

using namespace clang::tidy;

namespace threadlife {

llvm::ArrayRef<std::string> threadlifeCheckNames() {
  static const std::vector<std::string> Names = [] {
    ClangTidyOptions Options = ClangTidyOptions::getDefaults();
    Options.Checks = "-*,threadlife-*";
    return enabledCheckNames(Options);
  }();
  return Names;
}

bool matchesThreadLifeCheck(llvm::StringRef Glob) {
  GlobList Pattern(Glob);
  return llvm::any_of(threadlifeCheckNames(), [&](const std::string &Name) {
    return Pattern.contains(Name);
  });
}

std::optional<std::string> scopeGlobs(llvm::StringRef Globs,
                                      bool FromCommandLine) {
  llvm::SmallVector<llvm::StringRef> Entries;
  for (llvm::StringRef Line : llvm::split(Globs, '\n'))
    Line.split(Entries, ',', -1, /*KeepEmpty=*/false);
  std::string Scoped;
  bool NamesThreadLife = false;
  for (llvm::StringRef Entry : Entries) {
    Entry = Entry.trim();
    bool Negative = Entry.consume_front("-");
    Entry = Entry.trim();
    if (Entry.empty())
      continue;
    std::string Glob;
    if (Entry == "*") {
      Glob = "threadlife-*";
    } else {
      if (!matchesThreadLifeCheck(Entry))
        continue; // another tool's check
      NamesThreadLife = true;
      Glob = Entry.str();
    }
    Scoped +=
        (Scoped.empty() ? "" : ",") + std::string(Negative ? "-" : "") + Glob;
  }
  if (!NamesThreadLife && !FromCommandLine)
    return std::nullopt;
  return Scoped;
}

namespace {
/// Byte offset of a 1-based line and 0-based column in \p Text.
size_t offsetOf(llvm::StringRef Text, int Line, int Column) {
  size_t Offset = 0;
  for (int L = 1; L < Line && Offset != llvm::StringRef::npos; ++L) {
    Offset = Text.find('\n', Offset);
    if (Offset != llvm::StringRef::npos)
      ++Offset;
  }
  return Offset == llvm::StringRef::npos
             ? Text.size()
             : std::min(Offset + Column, Text.size());
}

/// Blanks the top-level entry whose key starts at \p KeyOffset (keeping line
/// breaks, so that later diagnostics keep their line numbers).
bool blankTopLevelEntry(std::string &Text, size_t KeyOffset) {
  llvm::SourceMgr SM;
  llvm::yaml::Stream Stream(Text, SM);
  auto Doc = Stream.begin();
  if (Doc == Stream.end())
    return false;
  auto *Map = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Doc->getRoot());
  if (!Map)
    return false;
  std::vector<size_t> KeyStarts;
  for (llvm::yaml::KeyValueNode &Entry : *Map)
    if (llvm::yaml::Node *Key = Entry.getKey())
      KeyStarts.push_back(Key->getSourceRange().Start.getPointer() -
                          Text.data());
  auto Key = llvm::find(KeyStarts, KeyOffset);
  if (Key == KeyStarts.end())
    return false;
  size_t End =
      std::next(Key) == KeyStarts.end() ? Text.size() : *std::next(Key);
  for (size_t I = KeyOffset; I < End; ++I)
    if (Text[I] != '\n')
      Text[I] = ' ';
  return true;
}
} // namespace

llvm::ErrorOr<ClangTidyOptions> parseConfigFile(llvm::MemoryBufferRef Config,
                                                const ConfigWarningSink &Warn,
                                                std::string &Error) {
  std::string Text = Config.getBuffer().str();
  while (true) {
    std::string Unknown, FirstError;
    size_t UnknownOffset = 0;
    auto Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Text, Config.getBufferIdentifier()),
        [&](const llvm::SMDiagnostic &D) {
          llvm::StringRef Message = D.getMessage();
          if (Unknown.empty() && Message.consume_front("unknown key '") &&
              Message.consume_back("'")) {
            Unknown = Message.str();
            UnknownOffset = offsetOf(Text, D.getLineNo(), D.getColumnNo());
          } else if (FirstError.empty()) {
            FirstError =
                (llvm::Twine(D.getLineNo()) + ":" +
                 llvm::Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
                    .str();
          }
        });
    if (Parsed || Unknown.empty() || !blankTopLevelEntry(Text, UnknownOffset)) {
      if (!Parsed)
        Error = FirstError.empty() ? Parsed.getError().message() : FirstError;
      return Parsed;
    }
    Warn("'" + Config.getBufferIdentifier().str() + "': unknown key '" +
         Unknown + "' ignored");
  }
}

std::optional<std::string> malformedConfigFor(llvm::StringRef Path) {
  llvm::SmallString<256> Dir = llvm::sys::path::parent_path(Path);
  while (!Dir.empty()) {
    llvm::SmallString<256> Config = Dir;
    llvm::sys::path::append(Config, ".clang-tidy");
    if (auto Buffer = llvm::MemoryBuffer::getFile(Config)) {
      std::string Error;
      auto Parsed = parseConfigFile(
          llvm::MemoryBufferRef((*Buffer)->getBuffer(), Config),
          [](const std::string &) {}, Error);
      if (!Parsed)
        return "malformed configuration file '" + Config.str().str() +
               "': " + Error;
      if (!Parsed->InheritParentConfig.value_or(false))
        return std::nullopt;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return std::nullopt;
}

namespace {
/// Applies the rule of the header to every source of options but the
/// driver's defaults.
class ScopedOptionsProvider final : public ClangTidyOptionsProvider {
public:
  explicit ScopedOptionsProvider(
      std::unique_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef File) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(File);
    for (auto &[Options, Origin] : Sources) {
      if (Origin == OptionsSourceTypeDefaultBinary)
        continue;
      const bool CommandLine =
          Origin == OptionsSourceTypeCheckCommandLineOption;
      for (std::optional<std::string> *Globs :
           {&Options.Checks, &Options.WarningsAsErrors})
        if (*Globs)
          *Globs = scopeGlobs(**Globs, CommandLine);
    }
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
};

using HandlerList = std::vector<std::pair<
    std::string,
    std::function<llvm::ErrorOr<ClangTidyOptions>(llvm::MemoryBufferRef)>>>;

/// .clang-tidy files read by parseConfigFile.
class ConfigFilesProvider final : public FileOptionsProvider {
public:
  ConfigFilesProvider(const AnalysisSettings &S, HandlerList Handlers)
      : FileOptionsProvider(S.Global, S.Defaults, S.Overrides,
                            std::move(Handlers)) {
    // This constructor of clang-tidy's leaves the file system unset. Paths
    // given here are absolute, so the process's working directory is not
    // consulted.
    FS = llvm::vfs::getRealFileSystem();
  }
};
} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
scopedOptionsProvider(const AnalysisSettings &S, ConfigWarningSink Warn) {
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  if (S.Config) {
    Inner = std::make_unique<ConfigOptionsProvider>(S.Global, S.Defaults,
                                                    *S.Config, S.Overrides);
  } else {
    HandlerList Handlers;
    Handlers.emplace_back(".clang-tidy", [Warn](llvm::MemoryBufferRef Config) {
      std::string Error;
      return parseConfigFile(Config, Warn, Error);
    });
    Inner = std::make_unique<ConfigFilesProvider>(S, std::move(Handlers));
  }
  return std::make_unique<ScopedOptionsProvider>(std::move(Inner));
}

} // namespace threadlife
