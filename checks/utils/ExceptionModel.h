//===--- ExceptionModel.h - which code may throw ----------------*- C++ -*-===//
//
// What the checks take to throw: a throw expression; a call to a function
// that is not noexcept and whose visible body (followed four calls deep) may
// throw outside a try block; a library call documented to throw (std::stoi,
// vector::at, future::get, ...). C functions, destructors, implicit and
// defaulted members, builtins, other library calls and the thread classes'
// own members are taken not to, and so are test frameworks' reports of an
// assertion (they throw only to end a test that has failed). The strict reading
// adds every call to a function whose body is not visible and every allocation
// by a throwing operator new: they may throw, but most never do.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_UTILS_EXCEPTIONMODEL_H
#define THREADLIFE_CHECKS_UTILS_EXCEPTIONMODEL_H

#include "model/ThreadApi.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::threadlife {

class ExceptionModel {
public:
  ExceptionModel(const ThreadApi &Api, ASTContext &Ctx) : Api(Api), Ctx(Ctx) {}

  /// Whether evaluating \p S (a call, construction, new or throw) may throw;
  /// \p Strict: in the strict reading.
  bool mayThrow(const Stmt *S, bool Strict);

private:
  bool functionMayThrow(const FunctionDecl *FD, unsigned Depth, bool Strict);
  bool bodyMayThrow(const FunctionDecl *Definition, unsigned Depth,
                    bool Strict);

  const ThreadApi &Api;
  ASTContext &Ctx;
  /// By reading (plausible, strict).
  llvm::DenseMap<const FunctionDecl *, bool> Cache[2];
};

/// Whether \p S lies in the try block of a try statement inside \p Root.
bool insideTry(const Stmt *S, const Stmt *Root, const ParentMap &PM);

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_UTILS_EXCEPTIONMODEL_H
