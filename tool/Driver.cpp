//===--- Driver.cpp - the threadlife command line
//---------------------------===//
//
// Runs the threadlife checks over source files as clang-tidy does (same
// options, configuration files, NOLINT and text output) and adds what a CI
// gate needs: SARIF and JSON reports, parallel analysis, one clear line per
// file that cannot be analysed, and the lesson behind each check.
//
//===----------------------------------------------------------------------===//

#include "CheckDocs.h"
#include "FileAnalysis.h"
#include "Reports.h"
#include "TidyVersion.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/WithColor.h"
#include <map>
#include <mutex>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

extern volatile int ThreadLifeModuleAnchorSource;
[[maybe_unused]] static int ThreadLifeModuleAnchorDestination =
    ThreadLifeModuleAnchorSource;

namespace {

cl::OptionCategory Category("threadlife options");

cl::list<std::string> Sources(cl::Positional, cl::desc("<source files...>"),
                              cl::cat(Category));
cl::opt<std::string>
    BuildPath("p", cl::value_desc("build dir"), cl::cat(Category),
              cl::desc("Read compile commands from <build dir>/"
                       "compile_commands.json; with no source files, "
                       "analyse every file in it"));
cl::opt<std::string>
    ChecksGlobs("checks", cl::cat(Category),
                cl::desc("Comma-separated globs of checks to enable or, "
                         "prefixed with '-', disable; added after the "
                         "configuration's (default: threadlife-*)"));
cl::opt<std::string>
    ConfigText("config", cl::cat(Category),
               cl::desc("Configuration in YAML or JSON, used instead of "
                        ".clang-tidy files"));
cl::opt<std::string>
    ConfigFile("config-file", cl::cat(Category),
               cl::desc("Configuration file used instead of .clang-tidy "
                        "files"));
cl::opt<std::string>
    HeaderFilter("header-filter", cl::cat(Category),
                 cl::desc("Regular expression of headers whose diagnostics "
                          "are shown, as in clang-tidy"));
cl::opt<bool> Fix("fix", cl::cat(Category),
                  cl::desc("Apply the suggested fixes (text format only)"));
cl::opt<std::string>
    ExportFixes("export-fixes", cl::value_desc("yaml"), cl::cat(Category),
                cl::desc("Write the suggested fixes to a YAML file that "
                         "clang-apply-replacements reads"));
enum class Format { Text, Sarif, Json };
cl::opt<Format> OutputFormat(
    "format", cl::cat(Category), cl::init(Format::Text),
    cl::desc("Output format"),
    cl::values(clEnumValN(Format::Text, "text", "clang-tidy's text (default)"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::Json, "json", "threadlife's JSON")));
cl::opt<unsigned> Jobs("j", cl::cat(Category), cl::init(0), cl::Prefix,
                       cl::desc("Files analysed in parallel (default: one "
                                "per core)"));
cl::opt<std::string>
    WarningsAsErrors("warnings-as-errors", cl::cat(Category),
                     cl::desc("Globs of checks whose findings are errors: "
                              "the exit code is then non-zero"));
cl::opt<std::string> Explain("explain", cl::value_desc("check"),
                             cl::cat(Category),
                             cl::desc("Print the lesson behind a check"));
cl::opt<bool> ListChecks("list-checks", cl::cat(Category),
                         cl::desc("List the enabled checks and exit"));
cl::opt<bool> Quiet("quiet", cl::cat(Category),
                    cl::desc("Print no summary line"));

// Exit codes: findings alone never fail a run unless made errors.
constexpr int ExitClean = 0;
constexpr int ExitFindingsOrFailures = 1;
constexpr int ExitUsage = 2;

void error(const Twine &Message) {
  WithColor::error(errs(), "threadlife") << Message << "\n";
}

ClangTidyGlobalOptions globalOptions() { return ClangTidyGlobalOptions(); }

ClangTidyOptions defaultOptions() {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,threadlife-*";
  return Defaults;
}

ClangTidyOptions overrideOptions() {
  ClangTidyOptions Overrides;
  if (ChecksGlobs.getNumOccurrences())
    Overrides.Checks = ChecksGlobs;
  if (WarningsAsErrors.getNumOccurrences())
    Overrides.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilterRegex = HeaderFilter;
  // The driver may live anywhere; clang's builtin headers live with LLVM.
  Overrides.ExtraArgsBefore =
      std::vector<std::string>{"-resource-dir=" THREADLIFE_CLANG_RESOURCE_DIR};
  return Overrides;
}

/// Every check the driver knows, including clang-analyzer-* ones.
StringSet<> knownChecks() {
  ClangTidyOptions All = defaultOptions();
  All.Checks = "*";
  StringSet<> Names;
  for (const std::string &Name : threadlife::enabledCheckNames(All))
    Names.insert(Name);
  return Names;
}

/// A --checks entry that names no check is a typo, not a wish.
bool validateCheckGlobs(StringRef Globs) {
  StringSet<> Known = knownChecks();
  SmallVector<StringRef> Entries;
  Globs.split(Entries, ',', -1, false);
  for (StringRef Entry : Entries) {
    StringRef Name = Entry.trim().ltrim('-');
    if (Name.empty() || Name.contains('*') || Known.contains(Name))
      continue;
    error("unknown check '" + Name + "'; see --list-checks");
    return false;
  }
  return true;
}

std::optional<ClangTidyOptions> configOption() {
  std::string Text = ConfigText;
  std::string Origin = "--config";
  if (ConfigFile.getNumOccurrences()) {
    auto Buffer = MemoryBuffer::getFile(ConfigFile);
    if (!Buffer) {
      error("cannot read configuration file '" + ConfigFile +
            "': " + Buffer.getError().message());
      return std::nullopt;
    }
    Text = (*Buffer)->getBuffer().str();
    Origin = "'" + ConfigFile + "'";
  }
  auto Parsed = parseConfiguration(MemoryBufferRef(Text, Origin));
  if (!Parsed) {
    error("malformed configuration " + Origin + ": " +
          Parsed.getError().message());
    return std::nullopt;
  }
  return *Parsed;
}

int listChecks(const threadlife::AnalysisSettings &Settings) {
  ClangTidyOptions Options = Settings.Defaults;
  Options.mergeWith(Settings.Config ? *Settings.Config : ClangTidyOptions(), 0);
  Options.mergeWith(Settings.Overrides, 0);
  outs() << "Enabled checks:";
  for (const std::string &Name : threadlife::enabledCheckNames(Options))
    outs() << "\n    " << Name;
  outs() << "\n\n";
  return ExitClean;
}

int explain(StringRef Check) {
  const threadlife::CheckDoc *Doc = threadlife::findCheckDoc(Check);
  if (!Doc && !Check.starts_with("threadlife-"))
    Doc = threadlife::findCheckDoc(("threadlife-" + Check).str());
  if (!Doc) {
    error("unknown check '" + Check + "'; see --list-checks");
    return ExitUsage;
  }
  outs() << Doc->lesson();
  return ExitClean;
}

/// Shows "[done/total] file" on one terminal line while files are analysed.
class Progress {
public:
  explicit Progress(size_t Total)
      : Total(Total), Shown(Total > 1 && errs().is_displayed()) {}
  void finished(StringRef File) {
    std::lock_guard<std::mutex> Lock(Mutex);
    ++Done;
    if (Shown)
      errs() << "\r\x1b[K[" << Done << "/" << Total << "] " << File;
  }
  ~Progress() {
    if (Shown)
      errs() << "\r\x1b[K";
  }

private:
  std::mutex Mutex;
  size_t Total;
  size_t Done = 0;
  bool Shown;
};

std::vector<threadlife::FileAnalysis>
analyseAll(ArrayRef<std::string> Files,
           const threadlife::AnalysisSettings &Settings) {
  std::vector<threadlife::FileAnalysis> Results(Files.size());
  Progress Bar(Files.size());
  DefaultThreadPool Pool(hardware_concurrency(Jobs));
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&, I] {
      Results[I] = threadlife::analyseFile(Files[I], Settings);
      Bar.finished(Files[I]);
    });
  Pool.wait();
  return Results;
}

/// ": 2 forced-kill, 1 unjoined-thread" for the summary line.
std::string summaryByCheck(const std::map<std::string, unsigned> &Counts) {
  std::string Summary;
  for (const auto &[Check, Count] : Counts)
    Summary += formatv("{0} {1} {2}", Summary.empty() ? ":" : ",", Count,
                       StringRef(Check).drop_front(
                           StringRef(Check).starts_with("threadlife-")
                               ? strlen("threadlife-")
                               : 0))
                   .str();
  return Summary;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM Init(argc, argv);

  // Compiler flags after `--` form a compilation database of their own.
  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Compilations =
      tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv,
                                                             FixedError);
  cl::HideUnrelatedOptions(Category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "threadlife: finds threads that are never joined, loops that ignore "
      "their stop token and unsafe forced kills.\n\n"
      "  threadlife [options] <source files...> [-- <compiler flags>]\n");

  if (Explain.getNumOccurrences())
    return explain(Explain);

  threadlife::AnalysisSettings Settings;
  Settings.Global = globalOptions();
  Settings.Defaults = defaultOptions();
  Settings.Overrides = overrideOptions();
  if (ConfigText.getNumOccurrences() || ConfigFile.getNumOccurrences()) {
    Settings.Config = configOption();
    if (!Settings.Config)
      return ExitUsage;
  }
  if (ChecksGlobs.getNumOccurrences() && !validateCheckGlobs(ChecksGlobs))
    return ExitUsage;
  if (ListChecks)
    return listChecks(Settings);

  if (Fix && OutputFormat != Format::Text) {
    error("--fix works with --format=text; use --export-fixes with SARIF or "
          "JSON");
    return ExitUsage;
  }

  if (Compilations) {
    Settings.CompilationsOrigin = "the flags after --";
  } else if (!BuildPath.empty()) {
    std::string Error;
    Compilations =
        tooling::CompilationDatabase::loadFromDirectory(BuildPath, Error);
    if (!Compilations) {
      error("no compilation database in '" + BuildPath + "': " + Error);
      return ExitUsage;
    }
    Settings.CompilationsOrigin = "'" + BuildPath + "/compile_commands.json'";
  }
  Settings.Compilations = Compilations.get();

  std::vector<std::string> Files(Sources.begin(), Sources.end());
  if (Files.empty() && Compilations && !BuildPath.empty())
    Files = Compilations->getAllFiles();
  if (Files.empty()) {
    error("no source files given; see --help");
    return ExitUsage;
  }

  std::vector<threadlife::FileAnalysis> Results = analyseAll(Files, Settings);

  unsigned WarningsAsErrorsCount = 0, Warnings = 0, Failed = 0;
  std::map<std::string, unsigned> FindingsByCheck;
  std::vector<ClangTidyError> AllErrors;
  auto FS = vfs::getRealFileSystem();
  for (threadlife::FileAnalysis &R : Results) {
    if (!R.Failure.empty()) {
      ++Failed;
      error(R.Failure);
      continue;
    }
    if (OutputFormat == Format::Text && !R.Errors.empty())
      handleErrors(R.Errors, *R.Context, Fix ? FB_Fix : FB_NoFix,
                   WarningsAsErrorsCount, FS);
    else
      for (const ClangTidyError &E : R.Errors)
        WarningsAsErrorsCount += E.IsWarningAsError;
    for (const ClangTidyError &E : R.Errors)
      if (E.DiagLevel == tooling::Diagnostic::Warning || E.IsWarningAsError) {
        ++Warnings;
        ++FindingsByCheck[E.DiagnosticName];
      }
    if (R.CompileErrors) {
      ++Failed;
      error("'" + R.File + "' does not compile; its findings are incomplete");
    }
    llvm::append_range(AllErrors, R.Errors);
  }

  if (OutputFormat == Format::Sarif)
    threadlife::writeSarif(Results, outs());
  else if (OutputFormat == Format::Json)
    threadlife::writeJson(Results, outs());

  if (!ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(ExportFixes, EC, sys::fs::OF_None);
    if (EC) {
      error("cannot write '" + ExportFixes + "': " + EC.message());
      return ExitUsage;
    }
    exportReplacements(Files.front(), AllErrors, OS);
  }

  if (!Quiet)
    errs() << "threadlife: " << Warnings << " finding"
           << (Warnings == 1 ? "" : "s") << " in " << Results.size() << " file"
           << (Results.size() == 1 ? "" : "s")
           << (Failed ? formatv(", {0} not analysed", Failed).str() : "")
           << summaryByCheck(FindingsByCheck) << "\n";
  if (WarningsAsErrorsCount)
    errs() << WarningsAsErrorsCount << " warning"
           << (WarningsAsErrorsCount == 1 ? "" : "s") << " treated as error"
           << (WarningsAsErrorsCount == 1 ? "" : "s") << "\n";
  return WarningsAsErrorsCount || Failed ? ExitFindingsOrFailures : ExitClean;
}
