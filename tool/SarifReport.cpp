//===--- SarifReport.cpp - SARIF 2.1.0 report ----------------------------===//

#include "CheckDocs.h"
#include "Fingerprint.h"
#include "PathSteps.h"
#include "Reports.h"
#include "SourceRoot.h"
#include "Uri.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace clang;
namespace json = llvm::json;

namespace threadlife {

namespace {
constexpr llvm::StringLiteral RootId = "%SRCROOT%";
// Lines of context around a flagged line, in the region's contextRegion.
constexpr unsigned ContextLines = 2;

/// Writes the parts of a run that point into files: relative to the source
/// root where they can, with the text the analysis saw.
class Locations {
public:
  Locations(llvm::StringRef Root, SourceText &Text) : Root(Root), Text(Text) {}

  /// A URI has no dot segments; clang names a system header
  /// "/usr/bin/../lib/gcc/...", as the driver's path finds it.
  json::Object artifact(llvm::StringRef Name, bool RelativeToRoot = false) {
    llvm::SmallString<256> Path(Name);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    std::optional<std::string> Relative =
        RelativeToRoot ? Path.str().str() : relativeToRoot(Path, Root);
    if (Relative)
      return json::Object{{"uri", percentEncode(*Relative)},
                          {"uriBaseId", RootId}};
    return json::Object{{"uri", fileUri(Path)}};
  }

  /// With \p Context, the lines around too: for a result's own location,
  /// not for each step of its path.
  json::Object physical(llvm::StringRef File, unsigned Offset,
                        bool Context = false) {
    LineColumn At = Text.position(File, Offset);
    if (At.Line == 0)
      return json::Object{{"artifactLocation", artifact(File)}};
    llvm::StringRef Line = Text.line(File, At.Line);
    json::Object Physical{
        {"artifactLocation", artifact(File)},
        {"region",
         json::Object{{"startLine", At.Line},
                      {"startColumn", codePointColumn(Line, At.Column)},
                      {"snippet", json::Object{{"text", Line.str()}}}}}};
    if (Context) {
      unsigned First = At.Line > ContextLines ? At.Line - ContextLines : 1;
      unsigned Last = std::min(At.Line + ContextLines, Text.lineCount(File));
      Physical["contextRegion"] = json::Object{
          {"startLine", First},
          {"endLine", Last},
          {"snippet",
           json::Object{{"text", Text.lines(File, First, Last).str()}}}};
    }
    return Physical;
  }

private:
  /// The run's columnKind is unicodeCodePoints; clang counts bytes.
  static unsigned codePointColumn(llvm::StringRef Line, unsigned ByteColumn) {
    unsigned Column = 1;
    for (unsigned char C : Line.take_front(ByteColumn - 1))
      Column += (C & 0xC0) != 0x80;
    return Column;
  }

  llvm::StringRef Root;
  SourceText &Text;
};

/// Where the rules' pages are: the published docs/, else the source tree's.
std::string docsUri() {
  llvm::StringRef Published = THREADLIFE_DOCS_URL;
  if (!Published.empty())
    return Published.rtrim('/').str() + "/";
  return fileUri(THREADLIFE_DOCS_DIR "/");
}

/// "forced-kill" as a SARIF rule name: "ForcedKill".
std::string ruleName(llvm::StringRef Check) {
  std::string Name;
  llvm::SmallVector<llvm::StringRef> Words;
  Check.drop_front(llvm::StringRef("threadlife-").size()).split(Words, '-');
  for (llvm::StringRef Word : Words)
    Name += llvm::toUpper(Word.front()) + Word.drop_front().str();
  return Name;
}

json::Array rules(llvm::StringMap<unsigned> &RuleIndex) {
  json::Array Rules;
  const std::string Docs = docsUri();
  for (const CheckDoc &Doc : checkDocs()) {
    RuleIndex[Doc.Check] = Rules.size();
    json::Object Rule{
        {"id", Doc.Check},
        {"name", ruleName(Doc.Check)},
        {"shortDescription", json::Object{{"text", Doc.headline()}}},
        {"fullDescription", json::Object{{"text", Doc.summary()}}},
        {"help",
         json::Object{{"text", Doc.lesson()}, {"markdown", Doc.Markdown}}},
        {"helpUri",
         Docs + "checks/" +
             Doc.Check.drop_front(llvm::StringRef("threadlife-").size()).str() +
             ".md"},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
        {"properties",
         json::Object{{"tags", json::Array{"concurrency", "reliability"}},
                      {"precision", "high"},
                      {"problem.severity", "warning"}}}};
    Rules.push_back(std::move(Rule));
  }
  return Rules;
}

/// Brackets in a message are literal unless they form a link (SARIF 3.11.6).
std::string escapeBrackets(llvm::StringRef Text) {
  std::string Escaped;
  for (char C : Text) {
    if (C == '[' || C == ']')
      Escaped += '\\';
    Escaped += C;
  }
  return Escaped;
}

/// The finding's message, its notes as related locations, and its path
/// (pathSteps()); the notes on the path are linked from the message
/// ("... (see [started here](1))").
void addNotes(const tidy::ClangTidyError &E, Locations &Where,
              json::Object &Result) {
  std::string Message = escapeBrackets(E.Message.Message);
  json::Array Related;
  std::string Links;
  for (const tooling::DiagnosticMessage &N : E.Notes) {
    int64_t Id = Related.size() + 1;
    Related.push_back(json::Object{
        {"id", Id},
        {"message", json::Object{{"text", N.Message}}},
        {"physicalLocation", Where.physical(N.FilePath, N.FileOffset)}});
    if (!isAdvice(N, E))
      Links += llvm::formatv("{0}[{1}]({2})", Links.empty() ? " (see " : "; ",
                             escapeBrackets(N.Message), Id);
  }
  if (!Links.empty()) {
    Message += Links + ")";
    json::Array Steps;
    for (const tooling::DiagnosticMessage *M : pathSteps(E))
      Steps.push_back(json::Object{
          {"location",
           json::Object{
               {"physicalLocation", Where.physical(M->FilePath, M->FileOffset)},
               {"message", json::Object{{"text", M->Message}}}}}});
    Result["codeFlows"] = json::Array{json::Object{
        {"threadFlows",
         json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  Result["message"] = json::Object{{"text", Message}};
}

json::Array fixes(const tooling::DiagnosticMessage &M, Locations &Where) {
  json::Array Changes;
  for (const auto &[File, Replacements] : M.Fix) {
    json::Array Edits;
    for (const tooling::Replacement &R : Replacements)
      Edits.push_back(json::Object{
          {"deletedRegion", json::Object{{"byteOffset", R.getOffset()},
                                         {"byteLength", R.getLength()}}},
          // json::Value keeps a StringRef by reference: copy.
          {"insertedContent",
           json::Object{{"text", R.getReplacementText().str()}}}});
    Changes.push_back(json::Object{{"artifactLocation", Where.artifact(File)},
                                   {"replacements", std::move(Edits)}});
  }
  json::Array Fixes;
  if (!Changes.empty())
    Fixes.push_back(json::Object{
        {"description", json::Object{{"text", "Apply the suggested fix"}}},
        {"artifactChanges", std::move(Changes)}});
  return Fixes;
}

json::Object result(const tidy::ClangTidyError &E, llvm::StringRef Print,
                    const llvm::StringMap<unsigned> &RuleIndex,
                    Locations &Where) {
  json::Object Result{
      {"ruleId", E.DiagnosticName},
      {"level",
       E.DiagLevel == tooling::Diagnostic::Error ? "error" : "warning"},
      {"locations",
       json::Array{json::Object{
           {"physicalLocation",
            Where.physical(E.Message.FilePath, E.Message.FileOffset,
                           /*Context=*/true)}}}}};
  auto Rule = RuleIndex.find(E.DiagnosticName);
  if (Rule != RuleIndex.end())
    Result["ruleIndex"] = Rule->second;
  if (!Print.empty())
    Result["partialFingerprints"] = json::Object{{FingerprintKey, Print.str()}};
  addNotes(E, Where, Result);
  json::Array Fixes = fixes(E.Message, Where);
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  return Result;
}

/// A finding of the baseline that this run no longer has.
json::Object absentResult(const KnownFinding &F,
                          const llvm::StringMap<unsigned> &RuleIndex,
                          Locations &Where) {
  json::Object Region;
  if (F.Line)
    Region = json::Object{{"startLine", F.Line},
                          {"startColumn", std::max(F.Column, 1u)}};
  json::Object Physical{
      {"artifactLocation", Where.artifact(F.Path, F.RelativeToRoot)}};
  if (F.Line)
    Physical["region"] = std::move(Region);
  json::Object Result{
      {"ruleId", F.Check},
      {"level", "warning"},
      {"message", json::Object{{"text", escapeBrackets(F.Message)}}},
      {"locations",
       json::Array{json::Object{{"physicalLocation", std::move(Physical)}}}},
      {"partialFingerprints", json::Object{{FingerprintKey, F.Fingerprint}}},
      {"baselineState", "absent"}};
  auto Rule = RuleIndex.find(F.Check);
  if (Rule != RuleIndex.end())
    Result["ruleIndex"] = Rule->second;
  return Result;
}

/// Whether the run analysed every file, and a notification for each one
/// it did not.
json::Object invocation(llvm::ArrayRef<FileAnalysis> Files, Locations &Where) {
  json::Array Notifications;
  bool Successful = true;
  for (const FileAnalysis &F : Files) {
    std::string Why;
    if (F.Result == FileAnalysis::Outcome::Failed)
      Why = F.Failure;
    else if (F.Result == FileAnalysis::Outcome::CompileErrors)
      Why = "'" + F.File + "' does not compile; its findings are incomplete";
    else
      continue;
    Successful = false;
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", Why}}},
        {"locations",
         json::Array{json::Object{
             {"physicalLocation",
              json::Object{{"artifactLocation", Where.artifact(F.Path)}}}}}}});
  }
  json::Object Invocation{{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  return Invocation;
}
} // namespace

void writeSarif(llvm::ArrayRef<FileAnalysis> Files, llvm::StringRef Root,
                const Baseline *Known, llvm::raw_ostream &OS) {
  SourceText Text;
  Locations Where(Root, Text);
  llvm::StringMap<unsigned> RuleIndex;
  json::Array Rules = rules(RuleIndex);
  json::Array Results;
  for (const FileAnalysis &F : Files) {
    for (size_t I = 0; I < F.Errors.size(); ++I) {
      Results.push_back(
          result(F.Errors[I], F.Fingerprints[I], RuleIndex, Where));
      if (Known)
        Results.back().getAsObject()->try_emplace("baselineState", "new");
    }
    for (const auto &[E, Print] : F.Known) {
      Results.push_back(result(E, Print, RuleIndex, Where));
      Results.back().getAsObject()->try_emplace("baselineState", "unchanged");
    }
  }
  if (Known)
    for (const KnownFinding *F : Known->absent())
      Results.push_back(absentResult(*F, RuleIndex, Where));

  json::Object Driver{{"name", "threadlife"},
                      {"informationUri", docsUri() + "driver.md"},
                      {"version", THREADLIFE_VERSION},
                      {"semanticVersion", THREADLIFE_VERSION},
                      {"rules", std::move(Rules)}};
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      {"invocations", json::Array{invocation(Files, Where)}},
      {"originalUriBaseIds",
       json::Object{
           {RootId,
            json::Object{{"uri", fileUri(Root.rtrim('/').str() + "/")}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"results", std::move(Results)}};
  writeSarifLog(std::move(Run), OS);
}

void writeSarifLog(json::Object Run, llvm::raw_ostream &OS) {
  OS << llvm::formatv(
            "{0:2}",
            json::Value(json::Object{
                {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::Array{std::move(Run)}}}))
     << "\n";
}

} // namespace threadlife
