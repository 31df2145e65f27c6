//===--- PathSteps.h - a finding's notes as the path to it ------*- C++ -*-===//
//
// The SARIF code flow and the HTML page draw the same path: the notes at
// other places than the finding, and the finding, in the order of the
// source (by file, then offset), which is the order in which a thread's
// story happens in all but rare paths. A note at the finding's own place is
// advice, not a step.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_TOOL_PATHSTEPS_H
#define THREADLIFE_TOOL_PATHSTEPS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <vector>

namespace threadlife {

inline bool isAdvice(const clang::tooling::DiagnosticMessage &Note,
                     const clang::tidy::ClangTidyError &E) {
  return Note.FilePath == E.Message.FilePath &&
         Note.FileOffset == E.Message.FileOffset;
}

/// The steps of \p E's path, the finding among them; just the finding when
/// no note is elsewhere.
inline std::vector<const clang::tooling::DiagnosticMessage *>
pathSteps(const clang::tidy::ClangTidyError &E) {
  std::vector<const clang::tooling::DiagnosticMessage *> Steps{&E.Message};
  for (const clang::tooling::DiagnosticMessage &N : E.Notes)
    if (!isAdvice(N, E))
      Steps.push_back(&N);
  std::stable_sort(Steps.begin(), Steps.end(), [](auto *A, auto *B) {
    return std::tie(A->FilePath, A->FileOffset) <
           std::tie(B->FilePath, B->FileOffset);
  });
  return Steps;
}

} // namespace threadlife

#endif // THREADLIFE_TOOL_PATHSTEPS_H
