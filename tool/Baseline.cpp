//===--- Baseline.cpp - the findings of an earlier report -----------------===//

#include "Baseline.h"
#include "Fingerprint.h"
#include "Uri.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

using llvm::json::Array;
using llvm::json::Object;

namespace threadlife {

namespace {
llvm::Error malformed(llvm::StringRef File, const llvm::Twine &Why) {
  return llvm::createStringError("baseline '" + File + "' " + Why);
}

/// A SARIF result as the SARIF report writes it; none if it lacks a part.
std::optional<KnownFinding> fromSarif(const Object &Result) {
  const Object *Fingerprints = Result.getObject("partialFingerprints");
  const Array *Locations = Result.getArray("locations");
  const Object *Message = Result.getObject("message");
  if (!Fingerprints || !Locations || Locations->empty() || !Message)
    return std::nullopt;
  const Object *Location = (*Locations)[0].getAsObject();
  const Object *Physical =
      Location ? Location->getObject("physicalLocation") : nullptr;
  const Object *Artifact =
      Physical ? Physical->getObject("artifactLocation") : nullptr;
  const Object *Region = Physical ? Physical->getObject("region") : nullptr;
  auto Uri = Artifact ? Artifact->getString("uri") : std::nullopt;
  auto Check = Result.getString("ruleId");
  auto Print = Fingerprints->getString(FingerprintKey);
  if (!Uri || !Check || !Print)
    return std::nullopt;
  std::optional<std::string> Path = uriPath(*Uri);
  if (!Path)
    return std::nullopt;
  KnownFinding F{Check->str(), Message->getString("text").value_or("").str(),
                 Print->str(), *Path};
  // The only base the SARIF report writes is the source root.
  F.RelativeToRoot = Artifact->getString("uriBaseId").has_value();
  if (Region) {
    F.Line = Region->getInteger("startLine").value_or(0);
    F.Column = Region->getInteger("startColumn").value_or(0);
  }
  return F;
}

/// A diagnostic of threadlife's JSON report; none for a compiler's.
std::optional<KnownFinding> fromJson(const Object &D) {
  auto Check = D.getString("check");
  auto Print = D.getString("fingerprint");
  auto File = D.getString("file");
  if (!Check || !Print || !File)
    return std::nullopt;
  KnownFinding F{Check->str(), D.getString("message").value_or("").str(),
                 Print->str(), File->str()};
  F.Line = D.getInteger("line").value_or(0);
  F.Column = D.getInteger("column").value_or(0);
  return F;
}
} // namespace

void Baseline::add(KnownFinding F) {
  ByFingerprint.try_emplace(F.Fingerprint, Findings.size());
  Findings.push_back(std::move(F));
  Matched.push_back(false);
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef File) {
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return malformed(File, "cannot be read: " + Buffer.getError().message());
  llvm::Expected<llvm::json::Value> Report =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Report)
    return malformed(File, "is not JSON: " + toString(Report.takeError()));
  const Object *Top = Report->getAsObject();
  const Array *Runs = Top ? Top->getArray("runs") : nullptr;
  const Array *Diagnostics = Top ? Top->getArray("diagnostics") : nullptr;
  if (!Runs && !Diagnostics)
    return malformed(File, "is not a SARIF or JSON report of threadlife");

  Baseline B;
  bool Unfingerprinted = false;
  for (const llvm::json::Value &Run : Runs ? *Runs : Array()) {
    const Object *R = Run.getAsObject();
    const Array *Results = R ? R->getArray("results") : nullptr;
    for (const llvm::json::Value &V : Results ? *Results : Array()) {
      const Object *Result = V.getAsObject();
      if (!Result || Result->getString("baselineState") == "absent")
        continue;
      std::optional<KnownFinding> F = fromSarif(*Result);
      Unfingerprinted |= !F;
      if (F)
        B.add(std::move(*F));
    }
  }
  for (const llvm::json::Value &V : Diagnostics ? *Diagnostics : Array()) {
    const Object *D = V.getAsObject();
    if (!D || !D->getString("check"))
      return malformed(File, "has a diagnostic without a check");
    if (!llvm::StringRef(*D->getString("check")).starts_with("threadlife-"))
      continue; // a compiler error
    std::optional<KnownFinding> F = fromJson(*D);
    Unfingerprinted |= !F;
    if (F)
      B.add(std::move(*F));
  }
  if (Unfingerprinted)
    return malformed(File, "has findings without a fingerprint; write it "
                           "again with this version of threadlife");
  return B;
}

bool Baseline::match(llvm::StringRef Fingerprint) {
  auto It = ByFingerprint.find(Fingerprint);
  if (It == ByFingerprint.end() || Matched[It->second])
    return false;
  Matched[It->second] = true;
  return true;
}

std::vector<const KnownFinding *> Baseline::absent() const {
  std::vector<const KnownFinding *> Absent;
  for (size_t I = 0; I < Findings.size(); ++I)
    if (!Matched[I])
      Absent.push_back(&Findings[I]);
  return Absent;
}

} // namespace threadlife
