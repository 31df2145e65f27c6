//===--- ThreadModel.cpp - what the thread APIs are -----------------------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
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

//===--- Thread handles and their lifecycle calls
//---------------------------===//

namespace {
/// One row of the thread class table, built by name: no row is a list of
/// bare booleans.
class ClassRow {
public:
  ClassRow(llvm::StringRef Name, JoinableDestruction Destruction) {
    Class.Name = Name;
    Class.Destruction = Destruction;
  }
  ClassRow &runsCallableWhenConstructed() {
    Class.StartsInConstructor = true;
    return *this;
  }
  ClassRow &includingDerived() {
    Class.MatchDerived = true;
    return *this;
  }
  ClassRow &terminatesIfDefined(llvm::StringRef Macro) {
    Class.TerminatesIfDefined = Macro;
    return *this;
  }
  ClassRow &startedBy(llvm::ArrayRef<llvm::StringRef> Methods) {
    Class.StartMethods = Methods;
    return *this;
  }
  ClassRow &methods(llvm::ArrayRef<llvm::StringRef> Join,
                    llvm::ArrayRef<llvm::StringRef> Detach,
                    llvm::ArrayRef<llvm::StringRef> Joinable,
                    llvm::ArrayRef<llvm::StringRef> Inert) {
    Class.JoinMethods = Join;
    Class.DetachMethods = Detach;
    Class.JoinableQueries = Joinable;
    Class.InertMethods = Inert;
    return *this;
  }
  ClassRow &stoppedBy(StopChannel Channel, llvm::StringRef Token) {
    Class.Stop = Channel;
    Class.TokenSpelling = Token;
    return *this;
  }
  ClassRow &nativeHandle(llvm::StringRef Method) {
    Class.NativeHandleMethod = Method;
    return *this;
  }
  ClassRow &replacedBy(llvm::StringRef SelfJoining) {
    Class.SelfJoiningReplacement = SelfJoining;
    return *this;
  }
  operator ThreadClass() const { return Class; }

private:
  ThreadClass Class;
};
} // namespace

llvm::ArrayRef<ThreadClass> threadClasses() {
  static const llvm::StringRef Join[] = {"join"};
  static const llvm::StringRef Detach[] = {"detach"};
  static const llvm::StringRef Joinable[] = {"joinable"};
  static const llvm::StringRef StdInert[] = {"get_id",
                                             "native_handle",
                                             "hardware_concurrency",
                                             "get_stop_source",
                                             "get_stop_token",
                                             "request_stop",
                                             "swap"};
  static const llvm::StringRef BoostInert[] = {
      "get_id",    "native_handle",          "hardware_concurrency",
      "interrupt", "interruption_requested", "swap"};
  static const llvm::StringRef QtStart[] = {"start"};
  static const llvm::StringRef QtWait[] = {"wait"};
  static const llvm::StringRef QtRunning[] = {"isRunning"};
  static const llvm::StringRef QtInert[] = {
      "quit",          "exit",        "requestInterruption",
      "isFinished",    "setPriority", "priority",
      "setObjectName", "objectName",  "isInterruptionRequested",
      "setStackSize",  "stackSize",   "eventDispatcher"};
  using JD = JoinableDestruction;
  static const ThreadClass Classes[] = {
      ClassRow("::std::thread", JD::Terminates)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .replacedBy("std::jthread"),
      ClassRow("::std::jthread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .stoppedBy(StopChannel::Token, "std::stop_token"),
      ClassRow("::threadlife::jthread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle")
          .stoppedBy(StopChannel::Token, "threadlife::stop_token"),
      ClassRow("::boost::thread", JD::Detaches)
          .terminatesIfDefined(
              "BOOST_THREAD_PROVIDES_THREAD_DESTRUCTOR_CALLS_TERMINATE_IF_"
              "JOINABLE")
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, BoostInert)
          .nativeHandle("native_handle")
          .stoppedBy(StopChannel::BoostInterruption, ""),
      ClassRow("::boost::scoped_thread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, BoostInert)
          .nativeHandle("native_handle"),
      ClassRow("::gsl::joining_thread", JD::Joins)
          .runsCallableWhenConstructed()
          .methods(Join, Detach, Joinable, StdInert)
          .nativeHandle("native_handle"),
      ClassRow("::QThread", JD::Aborts)
          .includingDerived()
          .startedBy(QtStart)
          .methods(QtWait, {}, QtRunning, QtInert),
  };
  return Classes;
}

llvm::ArrayRef<HandleFunction> handleFunctions() {
  using Op = HandleOp;
  static const HandleFunction Functions[] = {
      {"pthread_create", Op::CreateIntoArg, 0},
      {"pthread_join", Op::Join, 0},
      {"pthread_detach", Op::Detach, 0},
      {"pthread_tryjoin_np", Op::MaybeJoin, 0},
      {"pthread_timedjoin_np", Op::MaybeJoin, 0},
      {"pthread_clockjoin_np", Op::MaybeJoin, 0},
      {"pthread_setname_np", Op::Inert, 0},
      {"pthread_getname_np", Op::Inert, 0},
      {"pthread_equal", Op::Inert, 0},
      {"pthread_setschedparam", Op::Inert, 0},
      {"pthread_getschedparam", Op::Inert, 0},
      {"pthread_setschedprio", Op::Inert, 0},
      {"pthread_setaffinity_np", Op::Inert, 0},
      {"pthread_getaffinity_np", Op::Inert, 0},
      {"pthread_getattr_np", Op::Inert, 0},
      {"pthread_getcpuclockid", Op::Inert, 0},
      {"pthread_kill", Op::Inert, 0},
      {"pthread_cancel", Op::Inert, 0},
      {"CreateThread", Op::CreateResult, 0},
      {"_beginthreadex", Op::CreateResult, 0},
      {"WaitForSingleObject", Op::Join, 0},
      {"WaitForSingleObjectEx", Op::Join, 0},
      {"WaitForMultipleObjects", Op::Join, 1},
      {"WaitForMultipleObjectsEx", Op::Join, 1},
      {"MsgWaitForMultipleObjects", Op::Join, 1},
      {"MsgWaitForMultipleObjectsEx", Op::Join, 1},
      {"CloseHandle", Op::Detach, 0},
      {"SetThreadPriority", Op::Inert, 0},
      {"GetThreadPriority", Op::Inert, 0},
      {"GetThreadId", Op::Inert, 0},
      {"ResumeThread", Op::Inert, 0},
      {"SuspendThread", Op::Inert, 0},
      {"TerminateThread", Op::Inert, 0},
      {"SetThreadDescription", Op::Inert, 0},
      {"GetExitCodeThread", Op::Inert, 0},
      {"SetThreadAffinityMask", Op::Inert, 0},
  };
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> detachMethodNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      for (llvm::StringRef Method : Class.DetachMethods)
        if (!llvm::is_contained(Names, Method))
          Names.push_back(Method);
    return Names;
  }();
  return Names;
}

llvm::ArrayRef<llvm::StringRef> joinOrDetachMethodNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      for (llvm::ArrayRef<llvm::StringRef> Methods :
           {Class.JoinMethods, Class.DetachMethods})
        for (llvm::StringRef Method : Methods)
          if (!llvm::is_contained(Names, Method))
            Names.push_back(Method);
    return Names;
  }();
  return Names;
}

llvm::ArrayRef<llvm::StringRef> selfJoiningCompatibleMethods() {
  static const llvm::StringRef Methods[] = {"join", "joinable", "get_id",
                                            "native_handle"};
  return Methods;
}

llvm::StringRef swapMethod() { return "swap"; }

llvm::ArrayRef<llvm::StringRef> containerElementMethods() {
  static const llvm::StringRef Methods[] = {"at", "back", "front"};
  return Methods;
}

llvm::StringRef moveFunction() { return "::std::move"; }

llvm::StringRef posixThreadDetach() { return "pthread_detach"; }

llvm::StringRef atomicLoadMethod() { return "load"; }

llvm::StringRef atomicHeader() { return "atomic"; }

std::vector<llvm::StringRef> handleFunctionNames(HandleOp Op) {
  std::vector<llvm::StringRef> Names;
  for (const HandleFunction &F : handleFunctions())
    if (F.Op == Op)
      Names.push_back(F.Name);
  return Names;
}

const HandleFunction *findHandleFunction(llvm::StringRef Name) {
  for (const HandleFunction &F : handleFunctions())
    if (F.Name == Name)
      return &F;
  return nullptr;
}

llvm::StringRef posixSelf() { return "pthread_self"; }
llvm::StringRef posixSetDetachState() { return "pthread_attr_setdetachstate"; }
llvm::StringRef posixCreateDetached() { return "PTHREAD_CREATE_DETACHED"; }

llvm::ArrayRef<llvm::StringRef> threadContainers() {
  static const llvm::StringRef Containers[] = {
      "::std::vector", "::std::deque", "::std::list", "::std::forward_list",
      "::std::array"};
  return Containers;
}

llvm::ArrayRef<llvm::StringRef> containerFillMethods() {
  static const llvm::StringRef Methods[] = {"push_back",  "emplace_back",
                                            "push_front", "emplace_front",
                                            "emplace",    "insert"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> containerInertMethods() {
  static const llvm::StringRef Methods[] = {"size", "empty", "reserve",
                                            "capacity", "max_size"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> throwingLibraryCalls() {
  static const llvm::StringRef Calls[] = {
      "::std::stoi",
      "::std::stol",
      "::std::stoul",
      "::std::stoll",
      "::std::stoull",
      "::std::stof",
      "::std::stod",
      "::std::stold",
      "::std::vector::at",
      "::std::basic_string::at",
      "::std::basic_string::substr",
      "::std::map::at",
      "::std::unordered_map::at",
      "::std::deque::at",
      "::std::array::at",
      "::std::optional::value",
      "::std::any_cast",
      "::std::rethrow_exception",
      "::std::future::get",
      "::std::shared_future::get",
  };
  return Calls;
}

llvm::ArrayRef<llvm::StringRef> referenceWrappers() {
  static const llvm::StringRef Wrappers[] = {"::std::ref", "::std::cref",
                                             "::boost::ref", "::boost::cref"};
  return Wrappers;
}

Advice::Advice(const ASTContext &Ctx)
    : Cxx20(Ctx.getLangOpts().CPlusPlus20),
      UsesRuntimeLibrary(!Ctx.getTranslationUnitDecl()
                              ->lookup(&Ctx.Idents.get("threadlife"))
                              .empty()) {}

llvm::StringRef Advice::joiningThread() const {
  return Cxx20                ? "std::jthread"
         : UsesRuntimeLibrary ? "threadlife::jthread"
                              : "";
}

llvm::StringRef Advice::stopToken() const {
  return Cxx20                ? "std::stop_token"
         : UsesRuntimeLibrary ? "threadlife::stop_token"
                              : "";
}

llvm::StringRef Advice::conditionWait() const {
  return Cxx20 ? "wait with the token: condition_variable_any::wait(lock, "
                 "token, pred)"
         : UsesRuntimeLibrary
             ? "wait with the token: threadlife::condition_variable_any::"
               "wait(lock, token, pred)"
             : "notify it when the stop is requested, and test the stop flag "
               "in the wait's predicate";
}

llvm::StringRef Advice::timedConditionWait() const {
  return Cxx20 ? "wait with the token: condition_variable_any::wait_for(lock, "
                 "token, d, pred)"
         : UsesRuntimeLibrary
             ? "wait with the token: threadlife::condition_variable_any::"
               "wait_for(lock, token, d, pred)"
             : "notify it when the stop is requested, and test the stop flag "
               "in the wait's predicate";
}

llvm::StringRef Advice::sleep() const {
  return UsesRuntimeLibrary
             ? "sleep with the token: threadlife::sleep_for(token, d)"
         : Cxx20 ? "wait with the token instead: "
                   "condition_variable_any::wait_for(lock, token, d, pred)"
                 : "wait on a condition variable that the stop request "
                   "notifies, or sleep in short steps";
}

llvm::StringRef Advice::join() const {
  return UsesRuntimeLibrary
             ? "ask that thread to stop first, or join with a deadline "
               "(threadlife::jthread::join_for)"
             : "ask that thread to stop first";
}

llvm::StringRef Advice::read() const {
  return UsesRuntimeLibrary
             ? "wait first with threadlife::wait_readable(fd, token)"
             : "poll() it together with a pipe that the stop request writes "
               "to";
}

llvm::StringRef recommendedDaemon() { return "threadlife::daemon"; }

llvm::StringRef recommendedKillableTask() {
  return "threadlife::run_in_process";
}

namespace {
// The identifier is compared first: most callees differ there, and the
// comparison builds no qualified name.
class CApiFunctionMatcher : public internal::MatcherInterface<FunctionDecl> {
public:
  explicit CApiFunctionMatcher(llvm::ArrayRef<llvm::StringRef> Names) {
    for (llvm::StringRef Name : Names)
      this->Names.push_back(Name.str());
  }
  bool matches(const FunctionDecl &Node, internal::ASTMatchFinder *,
               internal::BoundNodesTreeBuilder *) const override {
    const IdentifierInfo *Id = Node.getIdentifier();
    return Id && llvm::is_contained(Names, Id->getName()) && Node.isExternC() &&
           Node.getDeclContext()->getRedeclContext()->isTranslationUnit();
  }

private:
  // Owned: the caller's names may die with its frame.
  std::vector<std::string> Names;
};
} // namespace

internal::Matcher<FunctionDecl>
cApiFunction(llvm::ArrayRef<llvm::StringRef> Names) {
  return internal::makeMatcher(new CApiFunctionMatcher(Names));
}

internal::BindableMatcher<Stmt>
cApiCall(llvm::ArrayRef<llvm::StringRef> Names) {
  return callExpr(callee(functionDecl(cApiFunction(Names))));
}

std::optional<int64_t> integerValue(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent())
    return std::nullopt;
  if (std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Ctx))
    return Value->getExtValue();
  return std::nullopt;
}

static std::optional<int64_t>
macroValue(llvm::StringRef Name, const Preprocessor &PP, unsigned Depth) {
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

//===--- Names ------------------------------------------------------------===//

std::string qualifiedName(const NamedDecl *D) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  if (!D->getIdentifier())
    return "";
  Parts.push_back(D->getName());
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (isa<TranslationUnitDecl>(DC) || isa<LinkageSpecDecl>(DC))
      continue;
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline())
        continue;
      if (NS->isAnonymousNamespace())
        return "";
      Parts.push_back(NS->getName());
      continue;
    }
    const auto *Record = dyn_cast<RecordDecl>(DC);
    if (!Record || !Record->getIdentifier())
      return "";
    Parts.push_back(Record->getName());
  }
  std::string Name;
  for (llvm::StringRef Part : llvm::reverse(Parts)) {
    if (!Name.empty())
      Name += "::";
    Name += Part;
  }
  return Name;
}

bool isOneOf(const NamedDecl *D, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!D || !D->getIdentifier())
    return false;
  // Compare the unqualified name first: most declarations differ there.
  llvm::StringRef Last = D->getName();
  bool Candidate = llvm::any_of(Names, [&](llvm::StringRef Name) {
    return Name.ends_with(Last) && (Name.size() == Last.size() ||
                                    Name[Name.size() - Last.size() - 1] == ':');
  });
  if (!Candidate)
    return false;
  std::string Qualified = "::" + qualifiedName(D);
  return llvm::is_contained(Names, Qualified);
}

const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record) {
    // A dependent specialization (std::future<T> in a template).
    if (const auto *Spec = T->getAs<TemplateSpecializationType>())
      if (const TemplateDecl *Template =
              Spec->getTemplateName().getAsTemplateDecl())
        return dyn_cast_or_null<CXXRecordDecl>(Template->getTemplatedDecl());
    return nullptr;
  }
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    return Spec->getSpecializedTemplate()->getTemplatedDecl();
  return Record;
}

bool isClassOneOf(QualType T, llvm::ArrayRef<llvm::StringRef> Names) {
  return isOneOf(classOf(T), Names);
}

//===--- Stop tokens and stop observers -----------------------------------===//

llvm::ArrayRef<llvm::StringRef> stopTokenTypes() {
  static const llvm::StringRef Types[] = {"::std::stop_token",
                                          "::threadlife::stop_token"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> stopCallbackTypes() {
  static const llvm::StringRef Types[] = {"::std::stop_callback",
                                          "::threadlife::stop_callback"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> stopObservers() {
  static const llvm::StringRef Observers[] = {
      "::std::stop_token::stop_requested",
      "::threadlife::stop_token::stop_requested",
      "::std::stop_source::stop_requested",
      "::threadlife::stop_source::stop_requested",
      // The shim's lifecycle sources (deadline.hpp, stop_cause.hpp, scope.hpp).
      "::threadlife::stop_source_with_cause::stop_requested",
      "::threadlife::linked_stop_source::stop_requested",
      "::threadlife::deadline_source::stop_requested",
      "::threadlife::thread_scope::stop_requested",
      "::threadlife::stop_cause",
      "::boost::this_thread::interruption_point",
      "::boost::this_thread::interruption_requested",
      "::boost::this_thread::sleep",
      "::boost::this_thread::sleep_for",
      "::boost::this_thread::sleep_until",
      "::boost::condition_variable::wait",
      "::boost::condition_variable::timed_wait",
      "::boost::condition_variable::wait_for",
      "::boost::condition_variable::wait_until",
      "::boost::condition_variable_any::wait",
      "::boost::condition_variable_any::timed_wait",
      "::boost::condition_variable_any::wait_for",
      "::boost::condition_variable_any::wait_until",
      "::boost::thread::join",
      "::boost::thread::timed_join",
      "::boost::thread::try_join_for",
      "::boost::thread::try_join_until",
      "::QThread::isInterruptionRequested",
  };
  return Observers;
}

llvm::ArrayRef<llvm::StringRef> stopAwareWaits() {
  static const llvm::StringRef Waits[] = {
      "::std::condition_variable_any::wait",
      "::std::condition_variable_any::wait_for",
      "::std::condition_variable_any::wait_until",
      "::threadlife::condition_variable_any::wait",
      "::threadlife::condition_variable_any::wait_for",
      "::threadlife::condition_variable_any::wait_until",
      "::threadlife::sleep_for",
      "::threadlife::sleep_until",
      "::threadlife::wait_readable",
      "::threadlife::wait_writable",
      // The shim's child processes (process.hpp): a stop request kills the
      // child.
      "::threadlife::run_in_process",
      "::threadlife::run_command",
  };
  return Waits;
}

llvm::ArrayRef<llvm::StringRef> stoppableThreadNames() {
  static const std::vector<llvm::StringRef> Names = [] {
    std::vector<llvm::StringRef> Names;
    for (const ThreadClass &Class : threadClasses())
      if (Class.Stop != StopChannel::None)
        Names.push_back(Class.Name);
    return Names;
  }();
  return Names;
}

const ThreadClass *findStoppableThread(QualType T) {
  const CXXRecordDecl *Record = classOf(T);
  for (const ThreadClass &Class : threadClasses())
    if (Class.Stop != StopChannel::None && isOneOf(Record, {Class.Name}))
      return &Class;
  return nullptr;
}

llvm::ArrayRef<StoppableSpawn> stoppableSpawns() {
  static const StoppableSpawn Spawns[] = {
      {"::threadlife::thread_scope::spawn", 0},
      {"::threadlife::daemon", 1},
  };
  return Spawns;
}

llvm::StringRef qtThreadClass() { return "::QThread"; }
llvm::StringRef qtThreadBodyMethod() { return "run"; }

//===--- Thread starts ----------------------------------------------------===//

llvm::ArrayRef<ThreadStart> threadStarts() {
  static const ThreadStart Functions[] = {
      {"::std::async", false, 1},
      {"::pthread_create", false, PosixCreateStartArg},
      {"::CreateThread", false, 2},
      {"::_beginthreadex", false, 2},
      {"::_beginthread", false, 0},
      {"::QThread::create", false, 0},
      {"::threadlife::thread_scope::spawn", false, 0},
      {"::threadlife::daemon", false, 1},
  };
  static const std::vector<ThreadStart> Starts = [] {
    std::vector<ThreadStart> Starts;
    for (const ThreadClass &Class : threadClasses())
      if (Class.StartsInConstructor)
        Starts.push_back({Class.Name, true, 0});
    Starts.insert(Starts.end(), std::begin(Functions), std::end(Functions));
    return Starts;
  }();
  return Starts;
}

llvm::ArrayRef<llvm::StringRef> callableWrappers() {
  static const llvm::StringRef Wrappers[] = {"::std::bind", "::std::bind_front",
                                             "::boost::bind"};
  return Wrappers;
}

//===--- Blocking calls ---------------------------------------------------===//

llvm::ArrayRef<BlockingCall> blockingCalls() {
  using BK = BlockKind;
  using TU = TimeUnit;
  static const BlockingCall Calls[] = {
      {"::std::condition_variable::wait", BK::ConditionWait, {}, TU::Chrono},
      {"::std::condition_variable::wait_for", BK::ConditionTimedWait, 1,
       TU::Chrono},
      {"::std::condition_variable_any::wait",
       BK::ConditionWait,
       {},
       TU::Chrono},
      {"::std::condition_variable_any::wait_for", BK::ConditionTimedWait, 1,
       TU::Chrono},
      {"::threadlife::condition_variable_any::wait",
       BK::ConditionWait,
       {},
       TU::Chrono},
      {"::threadlife::condition_variable_any::wait_for", BK::ConditionTimedWait,
       1, TU::Chrono},
      {"::std::this_thread::sleep_for", BK::Sleep, 0, TU::Chrono},
      {"::sleep", BK::Sleep, 0, TU::Seconds},
      {"::usleep", BK::Sleep, 0, TU::Microseconds},
      {"::QThread::sleep", BK::Sleep, 0, TU::Seconds},
      {"::QThread::msleep", BK::Sleep, 0, TU::Milliseconds},
      {"::QThread::usleep", BK::Sleep, 0, TU::Microseconds},
      {"::std::future::wait", BK::FutureWait, {}, TU::Chrono},
      {"::std::future::get", BK::FutureWait, {}, TU::Chrono},
      {"::std::shared_future::wait", BK::FutureWait, {}, TU::Chrono},
      {"::std::shared_future::get", BK::FutureWait, {}, TU::Chrono},
      {"::std::thread::join", BK::Join, {}, TU::Chrono},
      {"::std::jthread::join", BK::Join, {}, TU::Chrono},
      // The shim's jthread (join_for/join_until take a deadline: not listed).
      {"::threadlife::jthread::join", BK::Join, {}, TU::Chrono},
      {"::pthread_join", BK::Join, {}, TU::Chrono},
      {"::read", BK::DescriptorRead, 0, TU::Chrono},
      {"::recv", BK::DescriptorRead, 0, TU::Chrono},
      {"::recvfrom", BK::DescriptorRead, 0, TU::Chrono},
      {"::recvmsg", BK::DescriptorRead, 0, TU::Chrono},
      {"::accept", BK::DescriptorRead, 0, TU::Chrono},
      {"::accept4", BK::DescriptorRead, 0, TU::Chrono},
  };
  return Calls;
}

const BlockingCall *findBlockingCall(const FunctionDecl *F) {
  if (!F || !F->getIdentifier())
    return nullptr;
  std::string Name;
  for (const BlockingCall &Call : blockingCalls()) {
    if (!Call.Name.ends_with(F->getName()))
      continue;
    if (Name.empty())
      Name = "::" + qualifiedName(F);
    if (Call.Name == Name)
      return &Call;
  }
  return nullptr;
}

llvm::ArrayRef<llvm::StringRef> conditionNotifiers() {
  static const llvm::StringRef Notifiers[] = {"notify_one", "notify_all",
                                              "wakeOne", "wakeAll"};
  return Notifiers;
}

llvm::ArrayRef<llvm::StringRef> readinessWaits() {
  static const llvm::StringRef Waits[] = {"::poll",
                                          "::ppoll",
                                          "::select",
                                          "::pselect",
                                          "::epoll_wait",
                                          "::epoll_pwait",
                                          "::threadlife::wait_readable"};
  return Waits;
}

llvm::ArrayRef<llvm::StringRef> descriptorSources() {
  static const llvm::StringRef Sources[] = {
      "::socket", "::accept", "::accept4", "::pipe", "::pipe2", "::socketpair"};
  return Sources;
}

llvm::ArrayRef<llvm::StringRef> nonBlockingMarkers() {
  static const llvm::StringRef Markers[] = {
      "O_NONBLOCK", "SOCK_NONBLOCK", "MSG_DONTWAIT", "FIONBIO", "O_NDELAY"};
  return Markers;
}

llvm::ArrayRef<llvm::StringRef> descriptorModeSetters() {
  static const llvm::StringRef Setters[] = {"::fcntl", "::ioctl",
                                            "::setsockopt"};
  return Setters;
}

//===--- Locks and atomic access ------------------------------------------===//

llvm::ArrayRef<llvm::StringRef> lockGuardTypes() {
  static const llvm::StringRef Guards[] = {
      "::std::lock_guard",    "::std::unique_lock",    "::std::scoped_lock",
      "::std::shared_lock",   "::boost::lock_guard",   "::boost::unique_lock",
      "::boost::shared_lock", "::boost::upgrade_lock", "::QMutexLocker",
      "::QReadLocker",        "::QWriteLocker",
  };
  return Guards;
}

llvm::ArrayRef<llvm::StringRef> lockFunctions() {
  static const llvm::StringRef Functions[] = {
      "::pthread_mutex_lock",    "::pthread_rwlock_rdlock",
      "::pthread_rwlock_wrlock", "::pthread_spin_lock",
      "::EnterCriticalSection",  "::AcquireSRWLockExclusive",
      "::AcquireSRWLockShared",  "::mtx_lock",
  };
  return Functions;
}

llvm::ArrayRef<llvm::StringRef> lockMethods() {
  static const llvm::StringRef Methods[] = {"lock", "lock_shared",
                                            "lockForRead", "lockForWrite"};
  return Methods;
}

llvm::ArrayRef<llvm::StringRef> atomicAccessPrefixes() {
  static const llvm::StringRef Prefixes[] = {"__atomic_",     "__sync_",
                                             "__c11_atomic_", "atomic_",
                                             "Interlocked",   "_Interlocked"};
  return Prefixes;
}

llvm::ArrayRef<llvm::StringRef> atomicRefTypes() {
  static const llvm::StringRef Types[] = {"::std::atomic_ref",
                                          "::boost::atomic_ref"};
  return Types;
}

llvm::ArrayRef<llvm::StringRef> signalFlagTypedefs() {
  static const llvm::StringRef Typedefs[] = {"sig_atomic_t"};
  return Typedefs;
}

} // namespace clang::tidy::threadlife::model
