//===--- HandleCheck.h - a check built on the handle analysis ---*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_HANDLECHECK_H
#define THREADLIFE_CHECKS_HANDLECHECK_H

#include "ThreadTypesOption.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "handles/HandleAnalysis.h"

namespace clang::tidy::threadlife {

/// What the checks that follow thread handles share: the user's thread
/// types, the preprocessor (for the constants of the C APIs), and the
/// translation unit's handle analysis, which the handle checks following the
/// same types share (one CFG and body scan per function).
class HandleCheck : public ClangTidyCheck {
protected:
  HandleCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Types(Options) {}

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Types.store(Options, Opts);
  }
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    this->PP = PP;
  }
  void onEndOfTranslationUnit() override {
    Analysis.reset();
    Ctx = nullptr;
  }

  /// The analysis of \p Context's translation unit.
  handles::HandleAnalysis &analysis(ASTContext &Context) {
    if (!Analysis) {
      Ctx = &Context;
      Analysis =
          handles::HandleAnalysis::forTranslationUnit(Context, api(), PP);
    }
    return *Analysis;
  }
  const ThreadApi &api() const { return Types.api(); }

  Preprocessor *PP = nullptr;
  /// The translation unit's context, once analysis() has been asked for.
  ASTContext *Ctx = nullptr;

private:
  ThreadTypesOption Types;
  std::shared_ptr<handles::HandleAnalysis> Analysis;
};

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_HANDLECHECK_H
