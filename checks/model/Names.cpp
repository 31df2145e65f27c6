//===--- Names.cpp - matching the model's names against the code --------===//
//
// How the names in ThreadModel.h are found in the AST: qualified names
// without inline namespaces and the C API matcher.
//
//===----------------------------------------------------------------------===//

#include "ThreadModel.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::threadlife::model {
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

internal::BindableMatcher<Decl> qtThreadRunDefinition() {
  return cxxMethodDecl(isDefinition(), hasName(qtThreadBodyMethod()),
                       parameterCountIs(0),
                       ofClass(isDerivedFrom(qtThreadClass().str())));
}

internal::BindableMatcher<Stmt>
cApiCall(llvm::ArrayRef<llvm::StringRef> Names) {
  return callExpr(callee(functionDecl(cApiFunction(Names))));
}

//===--- Names ------------------------------------------------------------===//

std::string absoluteName(llvm::StringRef Name) {
  Name = Name.trim();
  return Name.starts_with("::") ? Name.str() : ("::" + Name).str();
}

std::vector<std::string> absoluteNames(llvm::StringRef OptionValue) {
  std::vector<std::string> Names;
  for (llvm::StringRef Name :
       tidy::utils::options::parseStringList(OptionValue))
    if (!Name.trim().empty())
      Names.push_back(absoluteName(Name));
  return Names;
}

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

} // namespace clang::tidy::threadlife::model
