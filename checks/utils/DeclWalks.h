//===--- DeclWalks.h - the declarations a file's code may run ---*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_UTILS_DECLWALKS_H
#define THREADLIFE_CHECKS_UTILS_DECLWALKS_H

#include "clang/AST/DeclBase.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::threadlife {

/// Calls \p Visit on every declaration of \p DC and, recursively, of the
/// namespaces, `extern "C"` blocks and classes in it: where the functions
/// and methods of a file are. Function bodies are not entered (a local
/// class's methods run only through their function).
void forEachNestedDecl(const DeclContext &DC,
                       llvm::function_ref<void(const Decl &)> Visit);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_DECLWALKS_H
