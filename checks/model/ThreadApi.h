//===--- ThreadApi.h - the model plus the user's thread types ---*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_MODEL_THREADAPI_H
#define THREADLIFE_CHECKS_MODEL_THREADAPI_H

#include "model/ThreadModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchersMacros.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::threadlife {

/// The thread APIs a check knows: ThreadModel's, plus the types the user
/// names in the options ThreadTypes (behave like std::thread) and
/// SelfJoiningTypes (behave like std::jthread).
class ThreadApi {
public:
  ThreadApi(llvm::ArrayRef<llvm::StringRef> ExtraThreadTypes,
            llvm::ArrayRef<llvm::StringRef> ExtraSelfJoiningTypes);

  /// The thread class of an object of type \p T (no reference, no pointer).
  const model::ThreadClass *threadClass(QualType T) const;
  const model::ThreadClass *threadClass(const CXXRecordDecl *Record) const;
  /// The thread class of the elements of a container or array \p T.
  const model::ThreadClass *elementClass(QualType T) const;
  /// The thread class of the object a unique owner (std::unique_ptr,
  /// QScopedPointer, boost::scoped_ptr) or a raw pointer \p T points to;
  /// \p Owning tells which. Shared owners are not handles: who destroys the
  /// thread is not known.
  const model::ThreadClass *pointeeClass(QualType T, bool &Owning) const;
  /// The class of the object \p T holds: itself, the object a raw pointer
  /// points to, or the object a unique owner holds.
  const CXXRecordDecl *heldRecord(QualType T) const;
  /// Whether \p E makes a new thread object that runs: `new std::thread(f)`,
  /// `std::make_unique<std::thread>(f)`, `std::unique_ptr<std::thread>(new
  /// std::thread(f))`; the expression that starts it (the construction, or
  /// the factory call).
  const Expr *pointerStart(const Expr *E) const;
  /// \p E as a call of a factory that makes a uniquely owned thread object
  /// from its constructor's arguments (`std::make_unique<std::thread>(f)`).
  const CallExpr *threadFactoryCall(const Expr *E) const;
  /// Whether \p E makes a new thread object with no thread (`new
  /// std::thread`, `std::make_unique<std::thread>()`).
  bool makesEmptyThread(const Expr *E) const;
  /// A handle that a C create call fills in (pthread_t, thrd_t,
  /// uv_thread_t), or an array of them.
  bool isFilledHandle(QualType T) const;
  /// The C library whose thread handle type \p T is on its own: a handle a
  /// create fills in (pthread_t), or a pointer to what a create returns when
  /// that names nothing but threads (GThread *); none for HANDLE.
  std::optional<model::CThreadLibrary> handleLibrary(QualType T) const;
  bool isFilledHandleArray(QualType T) const;

  /// The C thread API \p Call calls, if it is one, or the create it wraps:
  /// a function of this file that passes its parameters on to a create as
  /// its handle, start routine and argument is a create with those roles.
  const model::HandleFunction *handleFunction(const CallExpr *Call) const;
  bool isCApiCall(const CallExpr *Call, llvm::StringRef Name) const;

  /// The classes whose constructor starts the thread it is given.
  std::vector<llvm::StringRef> startingClassNames() const;
  /// Whether \p E constructs a thread object that runs at once (std::thread
  /// with a callable); the expression is the construction itself.
  const CXXConstructExpr *threadStart(const Expr *E) const;
  /// The callable a thread start (a construction, or a C create call) runs.
  const Expr *callableOf(const Expr *Start) const;
  /// The argument a C create call passes to its start routine (the void *
  /// of pthread_create).
  const Expr *contextOf(const Expr *Start) const;
  /// Whether destroying a running \p Class ends the process (or, for
  /// Boost.Thread, its configuration makes it do so).
  bool terminatesWhenJoinable(const model::ThreadClass &Class,
                              Preprocessor *PP) const;

  /// Whether \p Name is one of \p Names ("::ns::name"), as a qualified name
  /// without inline namespaces.
  static bool isNamed(const NamedDecl *D,
                      llvm::ArrayRef<llvm::StringRef> Names);

  /// The option values this API was built from: two APIs with equal keys
  /// answer every question alike.
  const std::string &key() const { return Key; }

private:
  const Expr *
  createArgument(const Expr *Start,
                 std::optional<unsigned> model::HandleFunction::*Index) const;
  const model::HandleFunction *createWrapper(const FunctionDecl &Callee) const;

  std::string Key;
  /// The creates this translation unit's wrappers stand for; each check's
  /// API lives for one translation unit.
  mutable std::deque<model::HandleFunction> Wrappers;
  mutable llvm::DenseMap<const FunctionDecl *, const model::HandleFunction *>
      WrapperRows;
  std::deque<std::string> ExtraNames;
  std::vector<model::ThreadClass> Classes;
};

//===--- Matchers over ThreadApi
//-------------------------------------------===//
//
// The checks' matchers filter by these, so that their callbacks (and what the
// callbacks build: CFGs, the parent map) run only on thread code. The API
// must outlive the matcher: it is the check's own member.

/// A member call on a thread object (a std::thread, a QThread subclass, a
/// type from the ThreadTypes option).
AST_MATCHER_P(CXXMemberCallExpr, onThread, const ThreadApi *, Api) {
  return Api->threadClass(Node.getRecordDecl()) != nullptr;
}

/// A declaration whose type is a thread object (not a reference or pointer).
AST_MATCHER_P(ValueDecl, hasThreadType, const ThreadApi *, Api) {
  return Api->threadClass(Node.getType()) != nullptr;
}

/// A declaration whose type the analysis follows: a thread object, a
/// container or array of them, a pointer that holds one, a pthread_t or an
/// array of pthread_t, a GThread *.
AST_MATCHER_P(ValueDecl, hasHandleType, const ThreadApi *, Api) {
  const QualType T = Node.getType();
  bool Owning = false;
  return Api->threadClass(T) || Api->elementClass(T) ||
         Api->pointeeClass(T, Owning) || Api->isFilledHandle(T) ||
         Api->isFilledHandleArray(T) || Api->handleLibrary(T);
}

/// A declaration whose type is a thread object, a container of them, or a
/// pointer that holds one.
AST_MATCHER_P(ValueDecl, holdsThreadObjects, const ThreadApi *, Api) {
  const QualType T = Node.getType();
  bool Owning = false;
  return Api->threadClass(T) || Api->elementClass(T) ||
         Api->pointeeClass(T, Owning);
}

/// An expression that constructs a thread object.
AST_MATCHER_P(CXXConstructExpr, constructsThread, const ThreadApi *, Api) {
  return Api->threadClass(Node.getType()) != nullptr;
}

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_MODEL_THREADAPI_H
