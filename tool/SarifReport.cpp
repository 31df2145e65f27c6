//===--- SarifReport.cpp - SARIF 2.1.0 report ----------------------------===//

#include "CheckDocs.h"
#include "Reports.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace clang;
namespace json = llvm::json;

namespace threadlife {

namespace {
std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += llvm::formatv("%{0:X-2}", static_cast<unsigned>(C)).str();
  }
  return Uri;
}

json::Object physicalLocation(llvm::StringRef File, unsigned Offset) {
  LineColumn Position = lineColumn(File, Offset);
  return json::Object{
      {"artifactLocation", json::Object{{"uri", fileUri(File)}}},
      {"region", json::Object{{"startLine", Position.Line},
                              {"startColumn", Position.Column}}}};
}

json::Array sarifFixes(const tooling::DiagnosticMessage &M) {
  json::Array Changes;
  for (const auto &[File, Replacements] : M.Fix) {
    json::Array Edits;
    for (const tooling::Replacement &R : Replacements)
      Edits.push_back(json::Object{
          {"deletedRegion", json::Object{{"charOffset", R.getOffset()},
                                         {"charLength", R.getLength()}}},
          // json::Value keeps a StringRef by reference: copy.
          {"insertedContent",
           json::Object{{"text", R.getReplacementText().str()}}}});
    Changes.push_back(
        json::Object{{"artifactLocation", json::Object{{"uri", fileUri(File)}}},
                     {"replacements", std::move(Edits)}});
  }
  json::Array Fixes;
  if (!Changes.empty())
    Fixes.push_back(json::Object{{"artifactChanges", std::move(Changes)}});
  return Fixes;
}
} // namespace

void writeSarif(llvm::ArrayRef<FileAnalysis> Files, llvm::raw_ostream &OS) {
  json::Array Rules;
  llvm::StringMap<unsigned> RuleIndex;
  for (const CheckDoc &Doc : checkDocs()) {
    RuleIndex[Doc.Check] = Rules.size();
    Rules.push_back(json::Object{
        {"id", Doc.Check},
        {"shortDescription", json::Object{{"text", Doc.summary()}}},
        {"help",
         json::Object{{"text", Doc.lesson()}, {"markdown", Doc.Markdown}}}});
  }

  json::Array Results, Notifications;
  bool Successful = true;
  for (const FileAnalysis &F : Files) {
    if (F.Result == FileAnalysis::Outcome::Failed)
      Notifications.push_back(json::Object{
          {"level", "error"}, {"message", json::Object{{"text", F.Failure}}}});
    if (F.Result == FileAnalysis::Outcome::CompileErrors)
      Notifications.push_back(json::Object{
          {"level", "error"},
          {"message", json::Object{{"text", "'" + F.File +
                                                "' does not compile; its "
                                                "findings are incomplete"}}}});
    Successful &= F.Result == FileAnalysis::Outcome::Analysed ||
                  F.Result == FileAnalysis::Outcome::Skipped;
    for (const tidy::ClangTidyError &E : F.Errors) {
      json::Object Result{
          {"ruleId", E.DiagnosticName},
          {"level",
           E.DiagLevel == tooling::Diagnostic::Error ? "error" : "warning"},
          {"message", json::Object{{"text", E.Message.Message}}},
          {"locations",
           json::Array{json::Object{
               {"physicalLocation",
                physicalLocation(E.Message.FilePath, E.Message.FileOffset)}}}}};
      auto Rule = RuleIndex.find(E.DiagnosticName);
      if (Rule != RuleIndex.end())
        Result["ruleIndex"] = Rule->second;
      json::Array Related;
      for (const tooling::DiagnosticMessage &N : E.Notes)
        Related.push_back(json::Object{
            {"id", static_cast<int64_t>(Related.size())},
            {"message", json::Object{{"text", N.Message}}},
            {"physicalLocation", physicalLocation(N.FilePath, N.FileOffset)}});
      if (!Related.empty())
        Result["relatedLocations"] = std::move(Related);
      json::Array Fixes = sarifFixes(E.Message);
      if (!Fixes.empty())
        Result["fixes"] = std::move(Fixes);
      Results.push_back(std::move(Result));
    }
  }

  json::Object Invocation{{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  json::Object Driver{{"name", "threadlife"},
                      {"version", THREADLIFE_VERSION},
                      {"rules", std::move(Rules)}};
  json::Object Run{{"tool", json::Object{{"driver", std::move(Driver)}}},
                   {"invocations", json::Array{std::move(Invocation)}},
                   {"results", std::move(Results)}};
  OS << llvm::formatv(
            "{0:2}",
            json::Value(json::Object{
                {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::Array{std::move(Run)}}}))
     << "\n";
}

} // namespace threadlife
