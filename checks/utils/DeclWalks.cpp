//===--- DeclWalks.cpp - the declarations a file's code may run -----------===//

#include "DeclWalks.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::threadlife {

void forEachNestedDecl(const DeclContext &DC,
                       llvm::function_ref<void(const Decl &)> Visit) {
  for (const Decl *D : DC.decls()) {
    if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D))
      forEachNestedDecl(*cast<DeclContext>(D), Visit);
    Visit(*D);
  }
}

} // namespace clang::tidy::threadlife
