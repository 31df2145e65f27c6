//===--- ThreadApi.cpp - the model plus the user's thread types -----------===//

#include "model/ThreadApi.h"
#include "utils/Expressions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::threadlife {

ThreadApi::ThreadApi(llvm::ArrayRef<llvm::StringRef> ExtraThreadTypes,
                     llvm::ArrayRef<llvm::StringRef> ExtraSelfJoiningTypes) {
  Classes.assign(model::threadClasses().begin(), model::threadClasses().end());
  const model::ThreadClass &Std = Classes.front(); // std::thread
  auto Add = [&](llvm::StringRef Name, model::JoinableDestruction D) {
    Name = Name.trim();
    if (Name.empty())
      return;
    ExtraNames.push_back(model::absoluteName(Name));
    model::ThreadClass Class = Std;
    Class.Name = ExtraNames.back();
    Class.Destruction = D;
    Class.SelfJoiningReplacement = ""; // a fix-it only knows std::thread
    Classes.push_back(Class);
    Key += (D == model::JoinableDestruction::Joins ? "joins:" : "thread:") +
           ExtraNames.back() + ";";
  };
  for (llvm::StringRef Name : ExtraThreadTypes)
    Add(Name, model::JoinableDestruction::Terminates);
  for (llvm::StringRef Name : ExtraSelfJoiningTypes)
    Add(Name, model::JoinableDestruction::Joins);
}

bool ThreadApi::isNamed(const NamedDecl *D,
                        llvm::ArrayRef<llvm::StringRef> Names) {
  return model::isOneOf(D, Names);
}

const model::ThreadClass *ThreadApi::threadClass(QualType T) const {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return nullptr;
  return threadClass(T->getAsCXXRecordDecl());
}

const model::ThreadClass *
ThreadApi::threadClass(const CXXRecordDecl *Record) const {
  if (!Record)
    return nullptr;
  Record = Record->getDefinition() ? Record->getDefinition() : Record;
  // Later entries are the user's: they win over a base class of the model.
  for (const model::ThreadClass &Class : llvm::reverse(Classes)) {
    if (isNamed(Record, {Class.Name}))
      return &Class;
    if (Class.MatchDerived && Record->hasDefinition()) {
      bool Derived = false;
      Record->forallBases([&](const CXXRecordDecl *Base) {
        if (isNamed(Base, {Class.Name}))
          Derived = true;
        return true;
      });
      if (Derived)
        return &Class;
    }
  }
  return nullptr;
}

// The first type argument of \p T, a specialization of one of \p Templates.
static QualType typeArgumentOf(QualType T,
                               llvm::ArrayRef<llvm::StringRef> Templates) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec ||
      !ThreadApi::isNamed(Spec->getSpecializedTemplate()->getTemplatedDecl(),
                          Templates))
    return QualType();
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Args[0].getAsType();
}

const model::ThreadClass *ThreadApi::pointeeClass(QualType T,
                                                  bool &Owning) const {
  if (T.isNull() || T->isReferenceType())
    return nullptr;
  if (T->isPointerType()) {
    Owning = false;
    return threadClass(T->getPointeeType());
  }
  QualType Owned = typeArgumentOf(T, model::uniqueOwningPointers());
  if (Owned.isNull())
    return nullptr;
  Owning = true;
  return threadClass(Owned);
}

const CXXRecordDecl *ThreadApi::heldRecord(QualType T) const {
  if (T.isNull())
    return nullptr;
  if (T->isPointerType())
    return T->getPointeeType()->getAsCXXRecordDecl();
  if (QualType Owned = typeArgumentOf(T, model::uniqueOwningPointers());
      !Owned.isNull())
    return Owned->getAsCXXRecordDecl();
  return T->getAsCXXRecordDecl();
}

const CallExpr *ThreadApi::threadFactoryCall(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(skipWrappers(E));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !ThreadApi::isNamed(Callee, model::uniqueObjectFactories()))
    return nullptr;
  bool Owning = false;
  return pointeeClass(Call->getType(), Owning) ? Call : nullptr;
}

// The thread object \p E allocates: the new-expression's construction, or
// the factory call; through a unique owner's constructor.
static const Expr *allocation(const Expr *E, const ThreadApi &Api) {
  E = skipWrappers(E);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      !Construct->getConstructor()->isCopyOrMoveConstructor())
    E = skipWrappers(Construct->getArg(0));
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E))
    return !New->isArray() && Api.threadClass(New->getAllocatedType())
               ? New
               : nullptr;
  return Api.threadFactoryCall(E);
}

const Expr *ThreadApi::pointerStart(const Expr *E) const {
  const Expr *Made = allocation(E, *this);
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Made))
    return threadStart(New->getConstructExpr());
  const auto *Factory = dyn_cast_or_null<CallExpr>(Made);
  return Factory && Factory->getNumArgs() > 0 ? Factory : nullptr;
}

bool ThreadApi::makesEmptyThread(const Expr *E) const {
  const Expr *Made = allocation(E, *this);
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Made)) {
    const CXXConstructExpr *Construct = New->getConstructExpr();
    return !Construct || Construct->getNumArgs() == 0;
  }
  const auto *Factory = dyn_cast_or_null<CallExpr>(Made);
  return Factory && Factory->getNumArgs() == 0;
}

const model::ThreadClass *ThreadApi::elementClass(QualType T) const {
  if (T.isNull())
    return nullptr;
  if (const ArrayType *Array = T->getAsArrayTypeUnsafe())
    return threadClass(Array->getElementType());
  QualType Element = typeArgumentOf(T, model::threadContainers());
  return Element.isNull() ? nullptr : threadClass(Element);
}

static bool isTypedefNamed(QualType T, llvm::StringRef Name) {
  while (const auto *Typedef = T->getAs<TypedefType>()) {
    if (Typedef->getDecl()->getName() == Name)
      return true;
    T = Typedef->desugar();
  }
  return false;
}

bool ThreadApi::isFilledHandle(QualType T) const {
  return !T.isNull() &&
         llvm::any_of(model::filledHandleTypes(), [&](llvm::StringRef Name) {
           return isTypedefNamed(T, Name);
         });
}

std::optional<model::CThreadLibrary>
ThreadApi::handleLibrary(QualType T) const {
  if (T.isNull())
    return std::nullopt;
  for (const model::CThreadApi &Api : model::cThreadApis()) {
    if (!Api.FilledType.empty() && isTypedefNamed(T, Api.FilledType))
      return Api.Library;
    if (!Api.ReturnedType.empty() && T->isPointerType() &&
        isTypedefNamed(T->getPointeeType(), Api.ReturnedType))
      return Api.Library;
  }
  return std::nullopt;
}

bool ThreadApi::isFilledHandleArray(QualType T) const {
  if (T.isNull())
    return false;
  const ArrayType *Array = T->getAsArrayTypeUnsafe();
  return Array && isFilledHandle(Array->getElementType());
}

bool ThreadApi::isCApiCall(const CallExpr *Call, llvm::StringRef Name) const {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Callee->isExternC() &&
         Callee->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

const model::HandleFunction *
ThreadApi::handleFunction(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  const model::HandleFunction *F =
      model::findRow(model::handleFunctions(), Callee->getName());
  if (!F || !isCApiCall(Call, F->Name))
    F = createWrapper(*Callee);
  if (!F || (F->Op != model::HandleOp::CreateResult &&
             Call->getNumArgs() <= F->HandleArg))
    return nullptr;
  return F;
}

std::vector<llvm::StringRef> ThreadApi::startingClassNames() const {
  std::vector<llvm::StringRef> Names;
  for (const model::ThreadClass &Class : Classes)
    if (Class.StartsInConstructor)
      Names.push_back(Class.Name);
  return Names;
}

const CXXConstructExpr *ThreadApi::threadStart(const Expr *E) const {
  if (const auto *Default =
          dyn_cast_or_null<CXXDefaultInitExpr>(skipWrappers(E)))
    E = Default->getExpr();
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(skipWrappers(E));
  if (!Construct || Construct->getNumArgs() == 0 ||
      isa<CXXDefaultArgExpr>(Construct->getArg(0)))
    return nullptr;
  const model::ThreadClass *Class = threadClass(Construct->getType());
  if (!Class || !Class->StartsInConstructor ||
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return nullptr;
  return Construct;
}

bool ThreadApi::terminatesWhenJoinable(const model::ThreadClass &Class,
                                       Preprocessor *PP) const {
  switch (Class.Destruction) {
  case model::JoinableDestruction::Terminates:
  case model::JoinableDestruction::Aborts:
    return true;
  case model::JoinableDestruction::Joins:
    return false;
  case model::JoinableDestruction::Detaches:
    return PP && !Class.TerminatesIfDefined.empty() &&
           PP->isMacroDefined(Class.TerminatesIfDefined);
  }
  return false;
}

const Expr *ThreadApi::createArgument(
    const Expr *Start,
    std::optional<unsigned> model::HandleFunction::*Index) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(Start);
  const model::HandleFunction *F = handleFunction(Call);
  if (F && F->*Index && *(F->*Index) < Call->getNumArgs())
    return Call->getArg(*(F->*Index));
  return nullptr;
}

const Expr *ThreadApi::callableOf(const Expr *Start) const {
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Start))
    return Construct->getNumArgs() ? Construct->getArg(0) : nullptr;
  if (const CallExpr *Factory = threadFactoryCall(Start))
    return Factory->getNumArgs() ? Factory->getArg(0) : nullptr;
  return createArgument(Start, &model::HandleFunction::StartArg);
}

const Expr *ThreadApi::contextOf(const Expr *Start) const {
  return createArgument(Start, &model::HandleFunction::ContextArg);
}

// The parameter of \p F that \p Arg passes on unchanged, by index.
static std::optional<unsigned> parameterIndex(const Expr *Arg,
                                              const FunctionDecl &F) {
  const auto *Ref = dyn_cast<DeclRefExpr>(skipWrappers(Arg));
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param || Param->getDeclContext() != &F)
    return std::nullopt;
  return Param->getFunctionScopeIndex();
}

const model::HandleFunction *
ThreadApi::createWrapper(const FunctionDecl &Callee) const {
  const FunctionDecl *Definition = Callee.getDefinition();
  if (!Definition || !Definition->getBody())
    return nullptr;
  // Entered before the body is read: a recursive function is no wrapper of
  // itself.
  auto [It, New] = WrapperRows.try_emplace(Definition, nullptr);
  if (!New)
    return It->second;
  // Only a function given the handle's address can pass it on; most calls
  // stop here, and the walk below never reaches far into the call graph.
  if (llvm::none_of(Definition->parameters(), [&](const ParmVarDecl *P) {
        return P->getType()->isPointerType() &&
               isFilledHandle(P->getType()->getPointeeType());
      }))
    return nullptr;
  // A function that passes its parameters on, as the handle, the start
  // routine and its argument, to a create that fills the handle in:
  // `int spawn(pthread_t *t, void *(*fn)(void *), void *arg) {
  //    return pthread_create(t, NULL, fn, arg); }`.
  llvm::SmallVector<const Stmt *, 32> Work = {Definition->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
    const auto *Call = dyn_cast<CallExpr>(S);
    const model::HandleFunction *Create = handleFunction(Call);
    if (!Create || Create->Op != model::HandleOp::CreateIntoArg ||
        Call->getNumArgs() <= *Create->StartArg)
      continue;
    std::optional<unsigned> Handle =
        parameterIndex(Call->getArg(Create->HandleArg), *Definition);
    std::optional<unsigned> Start =
        parameterIndex(Call->getArg(*Create->StartArg), *Definition);
    // A wrapper that creates threads with attributes may create them
    // detached: not followed.
    if (!Handle || !Start ||
        (Create->AttrArg &&
         (*Create->AttrArg >= Call->getNumArgs() ||
          !Call->getArg(*Create->AttrArg)
               ->IgnoreParenCasts()
               ->isNullPointerConstant(Definition->getASTContext(),
                                       Expr::NPC_ValueDependentIsNotNull))))
      continue;
    std::optional<unsigned> Context =
        Create->ContextArg && *Create->ContextArg < Call->getNumArgs()
            ? parameterIndex(Call->getArg(*Create->ContextArg), *Definition)
            : std::nullopt;
    Wrappers.push_back({Definition->getName(), model::HandleOp::CreateIntoArg,
                        Create->Library, *Handle, *Start, Context});
    return WrapperRows[Definition] = &Wrappers.back();
  }
  return nullptr;
}

} // namespace clang::tidy::threadlife
