//===--- CheckDocs.h - each check's page, lesson and summary ----*- C++ -*-===//

#ifndef THREADLIFE_TOOL_CHECKDOCS_H
#define THREADLIFE_TOOL_CHECKDOCS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace threadlife {

/// A check's documentation page (docs/checks/<name>.md), built into the driver.
struct CheckDoc {
  llvm::StringRef Check;    // "threadlife-forced-kill"
  llvm::StringRef Markdown; // the whole page

  /// The page's first paragraph: one sentence saying what the check finds.
  std::string summary() const;
  /// The summary's first clause: "Finds calls that stop a thread by force."
  std::string headline() const;
  /// The lesson --explain prints: the page up to its options and examples.
  std::string lesson() const;
};

llvm::ArrayRef<CheckDoc> checkDocs();
const CheckDoc *findCheckDoc(llvm::StringRef Check);

} // namespace threadlife

#endif // THREADLIFE_TOOL_CHECKDOCS_H
