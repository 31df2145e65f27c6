//===--- ThreadModel.cpp - what the thread APIs are -----------------------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife::model {

llvm::ArrayRef<KillFunction> killFunctions() {
  static const KillFunction Functions[] = {
      {"pthread_cancel", KillKind::PosixCancel, 1, std::nullopt},
      {"pthread_setcanceltype", KillKind::PosixAsyncCancelType, 2, 0},
      {"pthread_kill", KillKind::PosixSignal, 2, 1},
      {"pthread_exit", KillKind::PosixExit, 1, std::nullopt},
      {"TerminateThread", KillKind::WinTerminate, 2, std::nullopt},
      {"SuspendThread", KillKind::WinSuspend, 1, std::nullopt},
      {"ExitThread", KillKind::WinExit, 1, std::nullopt},
      {"_endthreadex", KillKind::WinExit, 1, std::nullopt},
      {"PyThreadState_SetAsyncExc", KillKind::PythonAsyncException, 2, 1},
  };
  return Functions;
}

const KillFunction *findKillFunction(llvm::StringRef Name) {
  for (const KillFunction &F : killFunctions())
    if (F.Name == Name)
      return &F;
  return nullptr;
}

llvm::ArrayRef<KillMethod> killMethods() {
  static const KillMethod Methods[] = {
      {"QThread", "terminate", KillKind::QtTerminate},
      {"QThread", "setTerminationEnabled", KillKind::QtTerminationEnabled},
  };
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> endingSignals() {
  static const llvm::StringRef Signals[] = {
      "SIGKILL", "SIGSTOP", "SIGTERM", "SIGINT", "SIGQUIT", "SIGABRT", "SIGHUP",
  };
  return Signals;
}

std::optional<llvm::StringRef> posixSignalName(int64_t Value) {
  // Only the numbers POSIX fixes; SIGSTOP differs between systems.
  switch (Value) {
  case 1:
    return llvm::StringRef("SIGHUP");
  case 2:
    return llvm::StringRef("SIGINT");
  case 3:
    return llvm::StringRef("SIGQUIT");
  case 6:
    return llvm::StringRef("SIGABRT");
  case 9:
    return llvm::StringRef("SIGKILL");
  case 15:
    return llvm::StringRef("SIGTERM");
  default:
    return std::nullopt;
  }
}

llvm::ArrayRef<llvm::StringRef> signalConsumers() {
  static const llvm::StringRef Consumers[] = {"sigwait", "sigwaitinfo",
                                              "sigtimedwait", "signalfd"};
  return Consumers;
}

llvm::StringRef signalSetAdder() { return "sigaddset"; }

llvm::StringRef asyncCancelTypeName() { return "PTHREAD_CANCEL_ASYNCHRONOUS"; }

llvm::ArrayRef<llvm::StringRef> cleanupHandlerInstallers() {
  static const llvm::StringRef Installers[] = {
      "pthread_cleanup_push", "__pthread_register_cancel",
      "_pthread_cleanup_push", "__pthread_cleanup_push"};
  return Installers;
}

llvm::StringRef posixThreadCreate() { return "pthread_create"; }

internal::Matcher<FunctionDecl>
cApiFunction(llvm::ArrayRef<llvm::StringRef> Names) {
  std::vector<std::string> Qualified;
  for (llvm::StringRef Name : Names)
    Qualified.push_back(("::" + Name).str());
  // hasAnyName copies the names, so they may die with this frame.
  std::vector<llvm::StringRef> Refs(Qualified.begin(), Qualified.end());
  return functionDecl(hasAnyName(Refs), isExternC());
}

internal::BindableMatcher<Stmt> cApiCall(llvm::ArrayRef<llvm::StringRef> Names) {
  return callExpr(callee(functionDecl(cApiFunction(Names))));
}

const ValueDecl *handleDecl(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_AddrOf && Unary->getOpcode() != UO_Deref)
        return nullptr;
      E = Unary->getSubExpr();
      continue;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

std::optional<int64_t> integerValue(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent())
    return std::nullopt;
  if (std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Ctx))
    return Value->getExtValue();
  return std::nullopt;
}

static std::optional<int64_t> macroValue(llvm::StringRef Name,
                                         const Preprocessor &PP,
                                         unsigned Depth) {
  if (Depth > 4)
    return std::nullopt;
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->isFunctionLike() || MI->getNumTokens() != 1)
    return std::nullopt;
  const Token &Tok = MI->getReplacementToken(0);
  if (Tok.is(tok::numeric_constant)) {
    std::string Spelling = PP.getSpelling(Tok);
    int64_t Value;
    if (!llvm::StringRef(Spelling).getAsInteger(0, Value))
      return Value;
    return std::nullopt;
  }
  if (Tok.is(tok::identifier) && Tok.getIdentifierInfo()->getName() != Name)
    return macroValue(Tok.getIdentifierInfo()->getName(), PP, Depth + 1);
  return std::nullopt;
}

std::optional<int64_t> namedConstant(llvm::StringRef Name, ASTContext &Ctx,
                                     const Preprocessor *PP) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(D))
      return Enumerator->getInitVal().getExtValue();
  if (PP)
    return macroValue(Name, *PP, 0);
  return std::nullopt;
}

} // namespace clang::tidy::threadlife::model
