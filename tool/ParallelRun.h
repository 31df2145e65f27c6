//===--- ParallelRun.h - analyse in parallel, report in order ---*- C++ -*-===//

#ifndef THREADLIFE_TOOL_PARALLELRUN_H
#define THREADLIFE_TOOL_PARALLELRUN_H

#include "FileAnalysis.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace threadlife {

/// A file to analyse: as the user named it, and its absolute path, taken
/// before any analysis starts (the analyses must not depend on the process's
/// working directory).
struct InputFile {
  std::string Name;
  std::string Path;
};

/// Analyses \p Files on \p Jobs threads (0: one per core) and hands each
/// result to \p Done on the calling thread, in the order of \p Files, as soon
/// as it and every file before it are done: output is the same for any
/// \p Jobs, and arrives while the run goes on. On a terminal, a progress line
/// on stderr shows the last file finished; it is cleared before \p Done runs.
void analyseInOrder(llvm::ArrayRef<InputFile> Files,
                    const AnalysisSettings &Settings, unsigned Jobs,
                    llvm::function_ref<void(FileAnalysis &)> Done);

} // namespace threadlife

#endif // THREADLIFE_TOOL_PARALLELRUN_H
