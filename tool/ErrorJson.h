//===--- ErrorJson.h - a finding as JSON, and back --------------*- C++ -*-===//
//
// Every field of a ClangTidyError, so that a finding read back is the one
// written: message, place, notes, ranges, fixes, level, warning-as-error.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_ERRORJSON_H
#define THREADLIFE_TOOL_ERRORJSON_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/JSON.h"
#include <optional>

namespace threadlife {

llvm::json::Value toJson(const clang::tidy::ClangTidyError &E);
/// Null if \p V is not what toJson() writes.
std::optional<clang::tidy::ClangTidyError>
errorFromJson(const llvm::json::Value &V);

} // namespace threadlife

#endif // THREADLIFE_TOOL_ERRORJSON_H
