//===--- AtomicRewrite.h - make a flag std::atomic, safely ------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_ATOMICREWRITE_H
#define THREADLIFE_CHECKS_ATOMICREWRITE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include <vector>

namespace clang::tidy::threadlife {

/// The edits that turn the declaration of \p Flag (of type T, spelled
/// \p TypeRange) into `std::atomic<T>` \p Atomic, such that the file still
/// compiles under its language standard: a copy-initializer becomes a brace
/// initializer where C++11/14 need one. Empty when some use of the flag would
/// not compile with the new type, or the declaration is not one edit away:
///
///  - uses that copy the flag: `auto` variables and init-captures, by-copy
///    lambda captures, deduced return types, variadic and template arguments,
///    either arm of `?:`, and copies of the class that holds it through its
///    implicit copy and move members;
///  - uses that need its address or a reference to it (`&flag`, a `bool &`
///    parameter): they would get a std::atomic;
///  - operators std::atomic lacks (any compound assignment on a bool, `*=`
///    `/=` `%=` `<<=` `>>=` on an integer);
///  - a bit-field, a declaration that declares another variable too, a
///    variable with external linkage (other files may declare it), a member
///    of a template.
std::vector<FixItHint> atomicFlagFix(const DeclaratorDecl &Flag,
                                     CharSourceRange TypeRange,
                                     llvm::StringRef Atomic, ASTContext &Ctx);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_ATOMICREWRITE_H
