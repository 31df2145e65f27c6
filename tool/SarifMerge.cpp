//===--- SarifMerge.cpp - one SARIF report of several runs ----------------===//

#include "SarifMerge.h"
#include "Fingerprint.h"
#include "Reports.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace json = llvm::json;

namespace threadlife {

namespace {
llvm::Error notMergeable(llvm::StringRef File, const llvm::Twine &Why) {
  return llvm::createStringError("cannot merge '" + File + "': " + Why);
}

/// What makes two results one: a shard's files are its own, but a header's
/// finding can come from two shards.
std::string identity(const json::Object &Result) {
  std::string Uri;
  if (const json::Array *Locations = Result.getArray("locations"))
    if (!Locations->empty())
      if (const json::Object *L = (*Locations)[0].getAsObject())
        if (const json::Object *P = L->getObject("physicalLocation"))
          if (const json::Object *A = P->getObject("artifactLocation"))
            Uri = A->getString("uri").value_or("").str();
  std::string Print;
  if (const json::Object *Prints = Result.getObject("partialFingerprints"))
    Print = Prints->getString(FingerprintKey).value_or("").str();
  return llvm::formatv("{0}\n{1}\n{2}", Result.getString("ruleId").value_or(""),
                       Uri, Print);
}

/// The one run of a report that threadlife wrote.
llvm::Expected<json::Object> onlyRun(llvm::StringRef File,
                                     json::Value &Report) {
  json::Object *Top = Report.getAsObject();
  json::Array *Runs = Top ? Top->getArray("runs") : nullptr;
  if (!Runs || Runs->size() != 1 || !(*Runs)[0].getAsObject())
    return notMergeable(File, "not a SARIF report with one run");
  json::Object Run = std::move(*(*Runs)[0].getAsObject());
  const json::Object *Tool = Run.getObject("tool");
  const json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
  if (!Driver || Driver->getString("name") != "threadlife")
    return notMergeable(File, "not written by threadlife");
  if (Driver->getString("version") != THREADLIFE_VERSION)
    return notMergeable(File, "written by threadlife " +
                                  Driver->getString("version").value_or("?") +
                                  ", not " THREADLIFE_VERSION);
  return Run;
}
} // namespace

llvm::Error mergeSarif(llvm::ArrayRef<std::string> Reports,
                       llvm::raw_ostream &OS) {
  std::optional<json::Object> Merged;
  json::Array Invocations, Results;
  llvm::StringSet<> Seen;
  for (const std::string &File : Reports) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer)
      return notMergeable(File, Buffer.getError().message());
    llvm::Expected<json::Value> Report = json::parse((*Buffer)->getBuffer());
    if (!Report)
      return notMergeable(File, "not JSON: " + toString(Report.takeError()));
    llvm::Expected<json::Object> Run = onlyRun(File, *Report);
    if (!Run)
      return Run.takeError();
    if (json::Array *I = Run->getArray("invocations"))
      for (json::Value &Invocation : *I)
        Invocations.push_back(std::move(Invocation));
    if (json::Array *R = Run->getArray("results"))
      for (json::Value &Result : *R)
        if (const json::Object *O = Result.getAsObject())
          if (Seen.insert(identity(*O)).second)
            Results.push_back(std::move(Result));
    if (!Merged)
      Merged = std::move(*Run);
  }
  if (!Merged)
    return llvm::createStringError("merge: name the SARIF reports to merge");
  (*Merged)["invocations"] = std::move(Invocations);
  (*Merged)["results"] = std::move(Results);
  writeSarifLog(std::move(*Merged), OS);
  return llvm::Error::success();
}

} // namespace threadlife
