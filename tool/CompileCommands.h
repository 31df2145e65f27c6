//===--- CompileCommands.h - the compile commands of -p ---------*- C++ -*-===//

#ifndef THREADLIFE_TOOL_COMPILECOMMANDS_H
#define THREADLIFE_TOOL_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace threadlife {

/// The compilation database of a build directory (or of the
/// compile_commands.json named directly), as clang-tidy reads it. A
/// compile_commands.json that is not a list of entries with a "directory", a
/// "file" and a "command" or "arguments" is refused in one line that names
/// the file and the first bad entry.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadBuildDatabase(llvm::StringRef BuildPath);

} // namespace threadlife

#endif // THREADLIFE_TOOL_COMPILECOMMANDS_H
