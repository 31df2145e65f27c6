//===--- FlagOption.h - boolean check options -------------------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_FLAGOPTION_H
#define THREADLIFE_CHECKS_FLAGOPTION_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::threadlife {

/// A boolean check option as clang-tidy spells them (true/false, 1/0); any
/// other value is reported as clang-tidy reports a bad value, and \p Default
/// is used. Read as text: the bool overload of OptionsView::get is mangled
/// differently by the compilers that build LLVM and this plugin.
bool readFlagOption(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyContext &Context, llvm::StringRef CheckName,
                    llvm::StringRef Option, bool Default);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_FLAGOPTION_H
