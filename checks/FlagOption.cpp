//===--- FlagOption.cpp - boolean check options ---------------------------===//

#include "FlagOption.h"

namespace clang::tidy::threadlife {

bool readFlagOption(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyContext &Context, llvm::StringRef CheckName,
                    llvm::StringRef Option, bool Default) {
  std::optional<llvm::StringRef> Value = Options.get(Option);
  if (!Value)
    return Default;
  llvm::StringRef Text = Value->trim();
  if (Text.equals_insensitive("true") || Text == "1")
    return true;
  if (Text.equals_insensitive("false") || Text == "0")
    return false;
  Context.configurationDiag("invalid configuration value '%0' for option "
                            "'%1'; expected a bool")
      << *Value << (CheckName + "." + Option).str();
  return Default;
}

} // namespace clang::tidy::threadlife
