//===--- ThreadTypesOption.h - the user's thread types ----------*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_THREADTYPESOPTION_H
#define THREADLIFE_CHECKS_THREADTYPESOPTION_H

#include "clang-tidy/ClangTidyCheck.h"
#include "model/ThreadApi.h"
#include <string>

namespace clang::tidy::threadlife {

/// The options ThreadTypes (classes that behave like std::thread) and
/// SelfJoiningTypes (like std::jthread), read local or global so that one
/// setting serves every check, and the thread API they add to the model's.
class ThreadTypesOption {
public:
  explicit ThreadTypesOption(ClangTidyCheck::OptionsView &Options);
  void store(ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;

  /// Lives as long as the check: matchers may hold it.
  const ThreadApi &api() const { return Api; }

private:
  const std::string ThreadTypes;
  const std::string SelfJoiningTypes;
  const ThreadApi Api;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_THREADTYPESOPTION_H
