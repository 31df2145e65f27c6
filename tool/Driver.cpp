//===--- Driver.cpp - the threadlife command line -------------------------===//
//
// Runs the threadlife checks over source files as clang-tidy does (same
// options, configuration files, NOLINT and text output) and adds what a CI
// gate needs: SARIF and JSON reports, parallel analysis, one clear line per
// file that cannot be analysed, and the lesson behind each check.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "CheckDocs.h"
#include "CompileCommands.h"
#include "ConfigScope.h"
#include "FileAnalysis.h"
#include "FixSet.h"
#include "HtmlReport.h"
#include "ParallelRun.h"
#include "Reports.h"
#include "ResultCache.h"
#include "RunResults.h"
#include "SarifMerge.h"
#include "SourceRoot.h"
#include "TidyVersion.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/xxhash.h"
#include <csignal>
#include <unistd.h>

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
enum class Format { Text, Sarif, Json, Html };
cl::opt<Format> OutputFormat(
    "format", cl::cat(Category), cl::init(Format::Text),
    cl::desc("Output format"),
    cl::values(clEnumValN(Format::Text, "text", "clang-tidy's text (default)"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::Json, "json", "threadlife's JSON"),
               clEnumValN(Format::Html, "html",
                          "an HTML report, in the directory -o names")));
cl::opt<std::string>
    OutputPath("o", cl::value_desc("path"), cl::cat(Category),
               cl::desc("Write the report here: the file of a SARIF or JSON "
                        "report (default: standard output), the directory of "
                        "an HTML one"));
cl::opt<std::string>
    HtmlDir("html", cl::value_desc("dir"), cl::cat(Category),
            cl::desc("Also write the HTML report into this directory"));
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
cl::list<std::string>
    ExtraArgs("extra-arg", cl::cat(Category),
              cl::desc("Compiler flag to append to every compile command, as "
                       "in clang-tidy (e.g. -Wno-error=<warning>)"));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before", cl::cat(Category),
    cl::desc("Compiler flag to prepend to every compile command"));
cl::opt<std::string>
    CacheDir("cache-dir", cl::value_desc("dir"), cl::cat(Category),
             cl::desc("Keep results in this directory and take an unchanged "
                      "file's from it (default: $THREADLIFE_CACHE_DIR; off "
                      "when neither is set)"));
cl::opt<std::string>
    CacheMaxSize("cache-max-size", cl::value_desc("size"), cl::cat(Category),
                 cl::init("1G"),
                 cl::desc("Size the cache is kept to, least recently used "
                          "results going first: bytes, or with K, M, G "
                          "(default: 1G)"));

cl::opt<std::string> SourceRoot(
    "source-root", cl::value_desc("dir"), cl::cat(Category),
    cl::desc("Directory that SARIF names files relative to, and fingerprints "
             "and shards take paths from (default: the git work tree of the "
             "files, else their common directory)"));
cl::alias SarifRoot("sarif-root", cl::aliasopt(SourceRoot),
                    cl::desc("Alias for --source-root"), cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline", cl::value_desc("report"), cl::cat(Category),
                 cl::desc("Report only findings that this earlier SARIF or "
                          "JSON report of threadlife does not have"));
cl::opt<std::string>
    LineFilterJson("line-filter", cl::cat(Category),
                   cl::desc("Report only findings on these lines, as "
                            "clang-tidy takes them: "
                            "[{\"name\":\"file.cpp\",\"lines\":[[1,3]]}]"));
cl::opt<std::string>
    DiffRevision("diff", cl::value_desc("rev"), cl::cat(Category),
                 cl::desc("Report only findings on lines added or changed "
                          "since this git revision"));
cl::opt<std::string>
    Shard("shard", cl::value_desc("K/N"), cl::cat(Category),
          cl::desc("Analyse the K-th of N parts of the files, split by their "
                   "paths from the source root"));

cl::SubCommand MergeCommand("merge",
                            "Merge SARIF reports of threadlife into one");
cl::list<std::string> MergeInputs(cl::Positional, cl::OneOrMore,
                                  cl::desc("<SARIF reports...>"),
                                  cl::sub(MergeCommand), cl::cat(Category));
cl::opt<std::string> MergeOutput("o", cl::value_desc("file"),
                                 cl::desc("Write the merged report here "
                                          "(default: standard output)"),
                                 cl::sub(MergeCommand), cl::cat(Category));

// Exit codes: findings alone never fail a run unless made errors.
constexpr int ExitClean = 0;
constexpr int ExitFindingsOrFailures = 1;
constexpr int ExitUsage = 2;

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
  Overrides.ExtraArgsBefore->insert(Overrides.ExtraArgsBefore->end(),
                                    ExtraArgsBefore.begin(),
                                    ExtraArgsBefore.end());
  if (!ExtraArgs.empty())
    Overrides.ExtraArgs =
        std::vector<std::string>(ExtraArgs.begin(), ExtraArgs.end());
  return Overrides;
}

/// Every entry of a command-line glob list must name a threadlife check: the
/// driver runs no other, and a glob that matches nothing is a typo.
bool validateGlobs(StringRef Option, StringRef Globs) {
  SmallVector<StringRef> Entries;
  Globs.split(Entries, ',', -1, false);
  for (StringRef Entry : Entries) {
    StringRef Glob = Entry.trim().ltrim('-').trim();
    if (Glob.empty() || Glob == "*")
      continue;
    if (threadlife::matchesThreadLifeCheck(Glob))
      continue;
    threadlife::printError(
        (Glob.contains('*')
             ? "'" + Glob + "' in --" + Option + " matches no threadlife check"
             : "unknown check '" + Glob + "'") +
        "; see --list-checks");
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
      threadlife::printError("cannot read configuration file '" + ConfigFile +
                             "': " + Buffer.getError().message());
      return std::nullopt;
    }
    Text = (*Buffer)->getBuffer().str();
    Origin = ConfigFile;
  }
  std::string Error;
  auto Parsed = threadlife::parseConfigFile(
      MemoryBufferRef(Text, Origin),
      [](const std::string &W) { threadlife::printWarning(W); }, Error);
  if (!Parsed) {
    threadlife::printError(
        "malformed configuration " +
        (Origin == "--config" ? Origin : "'" + Origin + "'") + ": " + Error);
    return std::nullopt;
  }
  return *Parsed;
}

/// --shard as {K, N}, 1 <= K <= N.
std::optional<std::pair<unsigned, unsigned>> parseShard() {
  auto [K, N] = StringRef(Shard).split('/');
  unsigned Part = 0, Parts = 0;
  if (K.getAsInteger(10, Part) || N.getAsInteger(10, Parts) || Part == 0 ||
      Part > Parts)
    return std::nullopt;
  return std::pair(Part, Parts);
}

/// The options that do not depend on any file, checked before anything runs.
bool validateCommandLine() {
  if (ConfigText.getNumOccurrences() && ConfigFile.getNumOccurrences()) {
    threadlife::printError("--config and --config-file both give the "
                           "configuration; use one");
    return false;
  }
  if (Fix && OutputFormat != Format::Text) {
    threadlife::printError("--fix works with --format=text; use "
                           "--export-fixes with SARIF or JSON");
    return false;
  }
  std::string RegexError;
  if (HeaderFilter.getNumOccurrences() &&
      !Regex(HeaderFilter).isValid(RegexError)) {
    threadlife::printError("invalid --header-filter '" + HeaderFilter +
                           "': " + RegexError);
    return false;
  }
  if (ChecksGlobs.getNumOccurrences() && !validateGlobs("checks", ChecksGlobs))
    return false;
  if (WarningsAsErrors.getNumOccurrences() &&
      !validateGlobs("warnings-as-errors", WarningsAsErrors))
    return false;
  if (!threadlife::parseSize(CacheMaxSize)) {
    threadlife::printError("invalid --cache-max-size '" + CacheMaxSize +
                           "'; give bytes, or a number with K, M or G");
    return false;
  }
  if (OutputFormat == Format::Html && OutputPath.empty()) {
    threadlife::printError("--format=html needs -o <dir> for the report");
    return false;
  }
  if (OutputFormat == Format::Text && !OutputPath.empty()) {
    threadlife::printError("-o names the file of a SARIF, JSON or HTML "
                           "report; text goes to standard output");
    return false;
  }
  if (OutputFormat == Format::Html && !HtmlDir.empty()) {
    threadlife::printError("--format=html and --html both ask for the HTML "
                           "report; use one");
    return false;
  }
  if (LineFilterJson.getNumOccurrences() && DiffRevision.getNumOccurrences()) {
    threadlife::printError("--line-filter and --diff both give the lines; "
                           "use one");
    return false;
  }
  if (Shard.getNumOccurrences() && !parseShard()) {
    threadlife::printError("invalid --shard '" + Shard +
                           "'; give K/N with 1 <= K <= N, as 2/4");
    return false;
  }
  StringRef Html = OutputFormat == Format::Html ? OutputPath : HtmlDir;
  if (!Html.empty())
    if (Error E = threadlife::checkHtmlDirectory(Html)) {
      threadlife::printError("cannot write the HTML report: " +
                             toString(std::move(E)));
      return false;
    }
  if (OutputFormat != Format::Html && !OutputPath.empty())
    if (Error E = threadlife::checkWritable(OutputPath)) {
      threadlife::printError("cannot write '" + OutputPath +
                             "': " + toString(std::move(E)));
      return false;
    }
  if (!ExportFixes.empty())
    if (Error E = threadlife::checkWritable(ExportFixes)) {
      threadlife::printError("cannot write '" + ExportFixes +
                             "': " + toString(std::move(E)));
      return false;
    }
  return true;
}

/// The cache of --cache-dir or THREADLIFE_CACHE_DIR, if either names one;
/// false if it cannot be made.
bool openCache(std::optional<threadlife::ResultCache> &Cache) {
  std::string Dir = CacheDir;
  if (!CacheDir.getNumOccurrences())
    if (std::optional<std::string> FromEnv =
            sys::Process::GetEnv("THREADLIFE_CACHE_DIR"))
      Dir = *FromEnv;
  if (Dir.empty())
    return true;
  SmallString<256> Absolute(Dir);
  sys::fs::make_absolute(Absolute);
  if (std::error_code EC = sys::fs::create_directories(Absolute)) {
    threadlife::printError("cannot use cache directory '" + Dir +
                           "': " + EC.message());
    return false;
  }
  Cache.emplace(Absolute.str().str(), *threadlife::parseSize(CacheMaxSize));
  return true;
}

/// The files named (or, with -p alone, the database's), absolute, each once.
std::vector<threadlife::InputFile>
inputFiles(const tooling::CompilationDatabase *Compilations) {
  std::vector<std::string> Names(Sources.begin(), Sources.end());
  if (Names.empty() && Compilations && !BuildPath.empty())
    Names = Compilations->getAllFiles();
  std::vector<threadlife::InputFile> Files;
  StringSet<> Seen;
  for (const std::string &Name : Names) {
    SmallString<256> Path(Name);
    sys::fs::make_absolute(Path);
    sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    if (Seen.insert(Path).second)
      Files.push_back({Name, Path.str().str()});
  }
  return Files;
}

int listChecks(const threadlife::AnalysisSettings &Settings,
               ArrayRef<threadlife::InputFile> Files) {
  SmallString<256> Where;
  if (!Files.empty()) {
    Where = Files.front().Path;
  } else {
    sys::fs::current_path(Where);
    sys::path::append(Where, "-");
  }
  ClangTidyOptions Options = threadlife::effectiveOptions(Where, Settings);
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
    threadlife::printError("unknown check '" + Check + "'; see --list-checks");
    return ExitUsage;
  }
  outs() << Doc->lesson();
  return ExitClean;
}

/// Where compile commands come from: the flags after `--`, -p, or (when
/// neither) each file's own database.
bool loadCompilations(
    int &Argc, const char **Argv,
    std::unique_ptr<tooling::CompilationDatabase> &Compilations,
    std::string &Origin) {
  std::string FixedError;
  Compilations = tooling::FixedCompilationDatabase::loadFromCommandLine(
      Argc, Argv, FixedError);
  if (!FixedError.empty()) {
    threadlife::printError("the compiler flags after --: " + FixedError);
    return false;
  }
  if (Compilations)
    Origin = "the flags after --";
  return true;
}

bool loadBuildPath(std::unique_ptr<tooling::CompilationDatabase> &Compilations,
                   std::string &Origin) {
  if (BuildPath.empty())
    return true;
  if (Compilations) {
    threadlife::printWarning("-p is ignored: the compiler flags after -- "
                             "apply to every file");
    return true;
  }
  auto Loaded = threadlife::loadBuildDatabase(BuildPath);
  if (!Loaded) {
    threadlife::printError(toString(Loaded.takeError()));
    return false;
  }
  Compilations = std::move(*Loaded);
  Origin = "'" + BuildPath + "/compile_commands.json'";
  return true;
}

/// A failed write to stdout ends the run with one line, not LLVM's crash
/// report nor a silent death by SIGPIPE (`threadlife ... | head`): with the
/// signal ignored, the write fails with EPIPE and stdoutWritten() says so.
void handleClosedStdout() { ::signal(SIGPIPE, SIG_IGN); }

bool stdoutWritten() {
  outs().flush();
  if (!outs().has_error())
    return true;
  std::error_code EC = outs().error();
  outs().clear_error();
  threadlife::printError("cannot write to standard output: " + EC.message());
  return false;
}

/// --source-root, absolute; else the files' git work tree or directory.
std::string sourceRoot(ArrayRef<threadlife::InputFile> Files) {
  if (!SourceRoot.empty()) {
    SmallString<256> Root(SourceRoot);
    sys::fs::make_absolute(Root);
    sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
    return Root.str().str();
  }
  std::vector<std::string> Paths;
  for (const threadlife::InputFile &F : Files)
    Paths.push_back(F.Path);
  return threadlife::defaultSourceRoot(Paths);
}

/// The files of this --shard: a file's part depends on its path from the
/// root alone, so every job of a CI matrix splits the project alike.
void keepShard(std::vector<threadlife::InputFile> &Files, StringRef Root) {
  if (!Shard.getNumOccurrences())
    return;
  auto [Part, Parts] = *parseShard();
  llvm::erase_if(
      Files, [&, Part = Part, Parts = Parts](const threadlife::InputFile &F) {
        std::string Name =
            threadlife::relativeToRoot(F.Path, Root).value_or(F.Path);
        return xxh3_64bits(Name) % Parts != Part - 1;
      });
}

/// --line-filter or --diff; false (having said why) if it is wrong.
bool loadLineFilter(std::optional<threadlife::LineFilter> &Filter) {
  if (!LineFilterJson.getNumOccurrences() && !DiffRevision.getNumOccurrences())
    return true;
  Expected<threadlife::LineFilter> Loaded =
      LineFilterJson.getNumOccurrences()
          ? threadlife::LineFilter::parse(LineFilterJson)
          : threadlife::LineFilter::changedSince(DiffRevision);
  if (!Loaded) {
    threadlife::printError((DiffRevision.getNumOccurrences()
                                ? "--diff=" + DiffRevision + ": "
                                : "") +
                           toString(Loaded.takeError()));
    return false;
  }
  Filter = std::move(*Loaded);
  return true;
}

bool loadBaseline(std::optional<threadlife::Baseline> &Known) {
  if (!BaselineFile.getNumOccurrences())
    return true;
  Expected<threadlife::Baseline> Loaded =
      threadlife::Baseline::load(BaselineFile);
  if (!Loaded) {
    threadlife::printError(toString(Loaded.takeError()));
    return false;
  }
  Known = std::move(*Loaded);
  return true;
}

/// Writes the reports and the fixes of the run; false if any was not written.
bool finish(const threadlife::RunResults &Run,
            const threadlife::ReportScope &Scope,
            const threadlife::AnalysisSettings &Settings) {
  auto Report = [&](raw_ostream &OS) {
    if (OutputFormat == Format::Sarif)
      threadlife::writeSarif(Run.files(), Scope.Root, Scope.Known, OS);
    else if (OutputFormat == Format::Json)
      threadlife::writeJson(Run.files(), OS);
  };
  bool Written = true;
  if (OutputFormat == Format::Html || OutputPath.empty()) {
    Report(outs());
    Written = stdoutWritten();
  } else if (Error E = threadlife::writeAtomically(OutputPath, Report)) {
    threadlife::printError("cannot write '" + OutputPath +
                           "': " + toString(std::move(E)));
    Written = false;
  }
  StringRef Html = OutputFormat == Format::Html ? OutputPath : HtmlDir;
  if (!Html.empty())
    if (Error E = threadlife::writeHtml(Run.files(), Scope.Root, Html)) {
      threadlife::printError("cannot write the HTML report: " +
                             toString(std::move(E)));
      Written = false;
    }

  if (!ExportFixes.empty()) {
    std::vector<ClangTidyError> All = Run.allDiagnostics();
    std::string Main = Run.files().empty() ? "" : Run.files().front().Path;
    if (Error E =
            threadlife::writeAtomically(ExportFixes, [&](raw_ostream &OS) {
              exportReplacements(Main, All, OS);
            })) {
      threadlife::printError("cannot write '" + ExportFixes +
                             "': " + toString(std::move(E)));
      Written = false;
    }
  }
  if (Fix && Run.fixes().offered()) {
    std::vector<std::string> Problems = Run.fixes().apply([&](StringRef File) {
      return threadlife::effectiveOptions(File, Settings)
          .FormatStyle.value_or("none");
    });
    for (const std::string &P : Problems)
      threadlife::printError(P);
    errs() << "threadlife: applied " << Run.fixes().accepted() << " of "
           << Run.fixes().offered() << " suggested fixes"
           << (Problems.empty() ? "" : "; some files were not written") << "\n";
    Written &= Problems.empty();
  }
  return Written;
}

/// `threadlife merge`: a report that cannot be merged is a bad command line;
/// a failed merge leaves no output file, rather than a partial one.
int merge() {
  std::string Merged;
  raw_string_ostream OS(Merged);
  if (Error E = threadlife::mergeSarif(MergeInputs, OS)) {
    threadlife::printError(toString(std::move(E)));
    return ExitUsage;
  }
  if (MergeOutput.empty()) {
    outs() << Merged;
    return stdoutWritten() ? ExitClean : ExitFindingsOrFailures;
  }
  if (Error E = threadlife::writeAtomically(
          MergeOutput, [&](raw_ostream &Out) { Out << Merged; })) {
    threadlife::printError("cannot write '" + MergeOutput +
                           "': " + toString(std::move(E)));
    return ExitFindingsOrFailures;
  }
  return ExitClean;
}

void printSummary(const threadlife::RunResults &Run) {
  if (Quiet)
    return;
  size_t Files = Run.files().size();
  errs()
      << "threadlife: " << Run.findings() << " finding"
      << (Run.findings() == 1 ? "" : "s") << " in " << Files << " file"
      << (Files == 1 ? "" : "s")
      << (Run.failed() ? formatv(", {0} not analysed", Run.failed()).str() : "")
      << (Run.skipped()
              ? formatv(", {0} skipped by their configuration", Run.skipped())
                    .str()
              : "")
      << (Run.known()
              ? formatv(", {0} more known from the baseline", Run.known()).str()
              : "")
      << (Run.offLines()
              ? formatv(", {0} more off the {1} lines", Run.offLines(),
                        DiffRevision.empty() ? "given" : "changed")
                    .str()
              : "")
      << (Run.cached() ? formatv(" ({0} from the cache)", Run.cached()).str()
                       : "")
      << Run.countsByCheck() << "\n";
  if (unsigned N = Run.warningsAsErrors())
    errs() << N << " warning" << (N == 1 ? "" : "s") << " treated as error"
           << (N == 1 ? "" : "s") << "\n";
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM Init(argc, argv);
  handleClosedStdout();

  threadlife::AnalysisSettings Settings;
  std::unique_ptr<tooling::CompilationDatabase> Compilations;
  if (!loadCompilations(argc, argv, Compilations, Settings.CompilationsOrigin))
    return ExitUsage;
  cl::HideUnrelatedOptions(Category);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "threadlife: finds threads that are never joined, loops that ignore "
          "their stop token and unsafe forced kills.\n\n"
          "  threadlife [options] <source files...> [-- <compiler flags>]\n"
          "  threadlife merge [-o <file>] <SARIF reports...>\n",
          &errs()))
    return ExitUsage;
  if (MergeCommand)
    return merge();

  if (Explain.getNumOccurrences()) {
    int Code = explain(Explain);
    return stdoutWritten() ? Code : ExitFindingsOrFailures;
  }
  if (!validateCommandLine())
    return ExitUsage;

  Settings.Defaults = defaultOptions();
  Settings.Overrides = overrideOptions();
  if (ConfigText.getNumOccurrences() || ConfigFile.getNumOccurrences()) {
    Settings.Config = configOption();
    if (!Settings.Config)
      return ExitUsage;
  }
  if (!loadBuildPath(Compilations, Settings.CompilationsOrigin))
    return ExitUsage;
  Settings.Compilations = Compilations.get();

  std::vector<threadlife::InputFile> Files = inputFiles(Compilations.get());
  if (ListChecks) {
    int Code = listChecks(Settings, Files);
    return stdoutWritten() ? Code : ExitFindingsOrFailures;
  }
  if (Files.empty()) {
    threadlife::printError("no source files given; see --help");
    return ExitUsage;
  }

  threadlife::ReportScope Scope;
  Scope.Root = sourceRoot(Files);
  keepShard(Files, Scope.Root);
  std::optional<threadlife::Baseline> Known;
  std::optional<threadlife::LineFilter> Lines;
  if (!loadBaseline(Known) || !loadLineFilter(Lines))
    return ExitUsage;
  Scope.Known = Known ? &*Known : nullptr;
  Scope.Lines = Lines ? &*Lines : nullptr;

  std::optional<threadlife::ResultCache> Cache;
  if (!openCache(Cache))
    return ExitUsage;
  Settings.Cache = Cache ? &*Cache : nullptr;

  threadlife::RunResults Run(OutputFormat == Format::Text, Fix, Scope);
  threadlife::analyseInOrder(Files, Settings, Jobs,
                             [&](threadlife::FileAnalysis &F) { Run.add(F); });
  if (Cache)
    Cache->evict();
  bool Written = finish(Run, Scope, Settings);
  printSummary(Run);
  return Run.warningsAsErrors() || Run.failed() || !Written
             ? ExitFindingsOrFailures
             : ExitClean;
}
