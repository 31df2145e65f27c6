//===--- SarifMerge.h - one SARIF report of several runs --------*- C++ -*-===//
//
// `threadlife merge a.sarif b.sarif ...`: the jobs of a CI matrix (--shard)
// each write a report; code scanning wants one. The merged report has one
// run: the first report's tool and source root, every report's invocation,
// and each result once, by rule, file and fingerprint.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_SARIFMERGE_H
#define THREADLIFE_TOOL_SARIFMERGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace threadlife {

/// Fails, naming the file, on a report that threadlife did not write or that
/// another version of it did.
llvm::Error mergeSarif(llvm::ArrayRef<std::string> Reports,
                       llvm::raw_ostream &OS);

} // namespace threadlife

#endif // THREADLIFE_TOOL_SARIFMERGE_H
