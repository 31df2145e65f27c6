//===--- MemberUses.h - how a class uses its handle members -----*- C++ -*-===//
//
// Where a class starts the threads its handle members hold, where it joins
// them, and whether any code lets the member escape (moves it out, passes it
// by reference, joins it from outside the class). The uses of every handle
// member of the translation unit are indexed in one match over the TU, the
// first time one is asked for.
//
//===----------------------------------------------------------------------===//

#ifndef THREADLIFE_CHECKS_HANDLES_MEMBERUSES_H
#define THREADLIFE_CHECKS_HANDLES_MEMBERUSES_H

#include "model/ThreadApi.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <vector>

namespace clang::tidy::threadlife::handles {

struct MemberUses {
  /// Where a thread is started into the member (constructions, assignments,
  /// fills, start() calls), in the class's own code.
  std::vector<const Expr *> Starts;
  /// Joins or detaches in the class's own code.
  std::vector<const Expr *> Joins;
  /// Moved out, passed by reference, joined by code outside the class: the
  /// member's fate is decided elsewhere.
  bool Escapes = false;
};

class MemberUseIndex {
public:
  MemberUseIndex(const ThreadApi &Api, ASTContext &Ctx) : Api(Api), Ctx(Ctx) {}

  /// How the code of \p Record (and of the rest of the translation unit)
  /// uses its handle member \p Field.
  const MemberUses &uses(const CXXRecordDecl *Record, const FieldDecl *Field);

  /// The members of \p Record that the threads started at \p Starts write
  /// (in their callable, or in member functions it calls, three deep).
  llvm::SmallPtrSet<const FieldDecl *, 4>
  writtenByThreads(const CXXRecordDecl *Record,
                   llvm::ArrayRef<const Expr *> Starts) const;

private:
  void index();
  MemberUses collect(const CXXRecordDecl *Record, const FieldDecl *Field);
  void constructorStarts(const CXXRecordDecl *Record, const FieldDecl *Field,
                         MemberUses &Uses) const;
  void methodUse(const MemberExpr *Use, const Stmt *Method, bool Own,
                 bool IsContainer, const model::ThreadClass &Class,
                 MemberUses &Uses) const;
  bool inertUse(const MemberExpr *Use, const Stmt *P, bool IsContainer) const;
  bool iteratedByRangeFor(const MemberExpr &Use) const;
  bool pointerUse(const MemberExpr *Use, const Stmt *P, bool Own,
                  const model::ThreadClass &Class, MemberUses &Uses) const;
  bool isOwnCode(const Stmt *Use, const CXXRecordDecl *Record) const;

  const ThreadApi &Api;
  ASTContext &Ctx;
  std::optional<
      llvm::DenseMap<const FieldDecl *, std::vector<const MemberExpr *>>>
      Index;
  llvm::DenseMap<const FieldDecl *, MemberUses> Uses;
};

} // namespace clang::tidy::threadlife::handles

#endif // THREADLIFE_CHECKS_HANDLES_MEMBERUSES_H
