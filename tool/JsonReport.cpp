//===--- JsonReport.cpp - threadlife's own JSON report --------------------===//

#include "Reports.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace clang;
namespace json = llvm::json;

namespace threadlife {

namespace {
json::Object messageJson(const tooling::DiagnosticMessage &M,
                         SourceText &Text) {
  LineColumn Position = Text.position(M.FilePath, M.FileOffset);
  return json::Object{{"message", M.Message},
                      {"file", M.FilePath},
                      {"line", Position.Line},
                      {"column", Position.Column}};
}

json::Array fixesJson(const tooling::DiagnosticMessage &M) {
  json::Array Fixes;
  for (const auto &[File, Replacements] : M.Fix)
    for (const tooling::Replacement &R : Replacements)
      // json::Value keeps a StringRef by reference: copy what the loop owns.
      Fixes.push_back(
          json::Object{{"file", File.str()},
                       {"offset", R.getOffset()},
                       {"length", R.getLength()},
                       {"replacement", R.getReplacementText().str()}});
  return Fixes;
}

llvm::StringRef statusName(FileAnalysis::Outcome Outcome) {
  switch (Outcome) {
  case FileAnalysis::Outcome::Analysed:
    return "analysed";
  case FileAnalysis::Outcome::CompileErrors:
    return "compile-errors";
  case FileAnalysis::Outcome::Failed:
    return "failed";
  case FileAnalysis::Outcome::Skipped:
    return "skipped";
  }
  llvm_unreachable("every outcome is named");
}

llvm::StringRef levelName(tooling::Diagnostic::Level Level) {
  switch (Level) {
  case tooling::Diagnostic::Error:
    return "error";
  case tooling::Diagnostic::Warning:
    return "warning";
  default:
    return "note";
  }
}
} // namespace

void writeJson(llvm::ArrayRef<FileAnalysis> Files, llvm::raw_ostream &OS) {
  json::Array FileEntries, Diagnostics;
  SourceText Text;
  for (const FileAnalysis &F : Files) {
    json::Object Entry{{"file", F.Path}, {"status", statusName(F.Result)}};
    if (F.Result == FileAnalysis::Outcome::Failed)
      Entry["reason"] = F.Failure;
    FileEntries.push_back(std::move(Entry));
    for (size_t I = 0; I < F.Errors.size(); ++I) {
      const tidy::ClangTidyError &E = F.Errors[I];
      json::Object D = messageJson(E.Message, Text);
      D["check"] = E.DiagnosticName;
      if (!F.Fingerprints[I].empty())
        D["fingerprint"] = F.Fingerprints[I];
      D["level"] = levelName(E.DiagLevel);
      json::Array Notes;
      for (const tooling::DiagnosticMessage &N : E.Notes)
        Notes.push_back(messageJson(N, Text));
      D["notes"] = std::move(Notes);
      D["fixes"] = fixesJson(E.Message);
      Diagnostics.push_back(std::move(D));
    }
  }
  OS << llvm::formatv("{0:2}", json::Value(json::Object{
                                   {"version", 1},
                                   {"files", std::move(FileEntries)},
                                   {"diagnostics", std::move(Diagnostics)}}))
     << "\n";
}

} // namespace threadlife
