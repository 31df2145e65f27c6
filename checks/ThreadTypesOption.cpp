//===--- ThreadTypesOption.cpp - the user's thread types ------------------===//

#include "ThreadTypesOption.h"
#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::threadlife {

ThreadTypesOption::ThreadTypesOption(ClangTidyCheck::OptionsView &Options)
    : ThreadTypes(Options.getLocalOrGlobal("ThreadTypes", "")),
      SelfJoiningTypes(Options.getLocalOrGlobal("SelfJoiningTypes", "")),
      Api(utils::options::parseStringList(ThreadTypes),
          utils::options::parseStringList(SelfJoiningTypes)) {}

void ThreadTypesOption::store(ClangTidyCheck::OptionsView &Options,
                              ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "ThreadTypes", ThreadTypes);
  Options.store(Opts, "SelfJoiningTypes", SelfJoiningTypes);
}

} // namespace clang::tidy::threadlife
