//===--- ErrorJson.cpp - a finding as JSON, and back ----------------------===//

#include "ErrorJson.h"

using namespace clang;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace threadlife {

namespace {

Value messageJson(const tooling::DiagnosticMessage &M) {
  Array Ranges;
  for (const tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(Object{{"file", R.FilePath},
                            {"offset", int64_t(R.FileOffset)},
                            {"length", int64_t(R.Length)}});
  Array Fixes;
  for (const auto &Entry : M.Fix)
    for (const tooling::Replacement &R : Entry.getValue())
      Fixes.push_back(Object{{"file", Entry.getKey()},
                             {"offset", int64_t(R.getOffset())},
                             {"length", int64_t(R.getLength())},
                             {"text", R.getReplacementText()}});
  return Object{{"message", M.Message},
                {"file", M.FilePath},
                {"offset", int64_t(M.FileOffset)},
                {"ranges", std::move(Ranges)},
                {"fixes", std::move(Fixes)}};
}

std::optional<tooling::DiagnosticMessage> messageFrom(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  auto Text = O->getString("message");
  auto File = O->getString("file");
  auto Offset = O->getInteger("offset");
  const Array *Ranges = O->getArray("ranges");
  const Array *Fixes = O->getArray("fixes");
  if (!Text || !File || !Offset || !Ranges || !Fixes)
    return std::nullopt;
  tooling::DiagnosticMessage M;
  M.Message = Text->str();
  M.FilePath = File->str();
  M.FileOffset = *Offset;
  for (const Value &R : *Ranges) {
    const Object *RO = R.getAsObject();
    auto RFile = RO ? RO->getString("file") : std::nullopt;
    auto ROffset = RO ? RO->getInteger("offset") : std::nullopt;
    auto RLength = RO ? RO->getInteger("length") : std::nullopt;
    if (!RFile || !ROffset || !RLength)
      return std::nullopt;
    tooling::FileByteRange Range;
    Range.FilePath = RFile->str();
    Range.FileOffset = *ROffset;
    Range.Length = *RLength;
    M.Ranges.push_back(std::move(Range));
  }
  for (const Value &F : *Fixes) {
    const Object *FO = F.getAsObject();
    auto FFile = FO ? FO->getString("file") : std::nullopt;
    auto FOffset = FO ? FO->getInteger("offset") : std::nullopt;
    auto FLength = FO ? FO->getInteger("length") : std::nullopt;
    auto FText = FO ? FO->getString("text") : std::nullopt;
    if (!FFile || !FOffset || !FLength || !FText)
      return std::nullopt;
    if (llvm::Error E = M.Fix[*FFile].add(
            tooling::Replacement(*FFile, *FOffset, *FLength, *FText))) {
      llvm::consumeError(std::move(E));
      return std::nullopt;
    }
  }
  return M;
}

} // namespace

Value toJson(const tidy::ClangTidyError &E) {
  Array Notes;
  for (const tooling::DiagnosticMessage &Note : E.Notes)
    Notes.push_back(messageJson(Note));
  Array Aliases;
  for (const std::string &Alias : E.EnabledDiagnosticAliases)
    Aliases.push_back(Alias);
  return Object{{"check", E.DiagnosticName},
                {"level", int64_t(E.DiagLevel)},
                {"buildDirectory", E.BuildDirectory},
                {"warningAsError", E.IsWarningAsError},
                {"aliases", std::move(Aliases)},
                {"message", messageJson(E.Message)},
                {"notes", std::move(Notes)}};
}

std::optional<tidy::ClangTidyError> errorFromJson(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  auto Check = O->getString("check");
  auto Level = O->getInteger("level");
  auto BuildDirectory = O->getString("buildDirectory");
  auto WarningAsError = O->getBoolean("warningAsError");
  const Array *Aliases = O->getArray("aliases");
  const Array *Notes = O->getArray("notes");
  const Value *Message = O->get("message");
  if (!Check || !Level || *Level < tooling::Diagnostic::Remark ||
      *Level > tooling::Diagnostic::Error || !BuildDirectory ||
      !WarningAsError || !Aliases || !Notes || !Message)
    return std::nullopt;
  tidy::ClangTidyError E(*Check, tooling::Diagnostic::Level(*Level),
                         *BuildDirectory, *WarningAsError);
  std::optional<tooling::DiagnosticMessage> Main = messageFrom(*Message);
  if (!Main)
    return std::nullopt;
  E.Message = std::move(*Main);
  for (const Value &Note : *Notes) {
    std::optional<tooling::DiagnosticMessage> M = messageFrom(Note);
    if (!M)
      return std::nullopt;
    E.Notes.push_back(std::move(*M));
  }
  for (const Value &Alias : *Aliases) {
    auto Name = Alias.getAsString();
    if (!Name)
      return std::nullopt;
    E.EnabledDiagnosticAliases.push_back(Name->str());
  }
  return E;
}

} // namespace threadlife
