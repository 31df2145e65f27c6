//===--- Advice.cpp - the fix a message recommends, by standard ----------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife::model {

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

std::string Advice::orJoiningThread() const {
  llvm::StringRef Joining = joiningThread();
  return Joining.empty() ? "" : (", or make it a " + Joining).str();
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

std::string Advice::queueWait(llvm::StringRef Shutdown) const {
  const llvm::StringRef Queue =
      "threadlife::queue, whose pop(token) and push(token, v) a stop request "
      "ends";
  if (UsesRuntimeLibrary)
    return ("use a " + Queue).str();
  if (!Shutdown.empty())
    return ("call its " + Shutdown + "() from a stop callback, or use a " +
            Queue)
        .str();
  return ("wait in short steps and check for a stop request between them, or "
          "use a " +
          Queue)
      .str();
}

llvm::StringRef Advice::ownQueueWait() const {
  return UsesRuntimeLibrary
             ? "make it a threadlife::queue, whose pop(token) a stop request "
               "ends"
         : Cxx20 ? "give its wait the stop token (condition_variable_any::wait("
                   "lock, token, pred)), or make it a threadlife::queue, whose "
                   "pop(token) a stop request ends"
                 : "close it when the stop is requested (a flag in its wait's "
                   "predicate, set and notified then), or make it a "
                   "threadlife::queue, whose pop(token) a stop request ends";
}

llvm::StringRef recommendedDaemon() { return "threadlife::daemon"; }

llvm::StringRef recommendedKillableTask() {
  return "threadlife::run_in_process";
}

} // namespace clang::tidy::threadlife::model
