//===--- Constants.cpp - the values of the code's integer constants -------===//
//
// Signal numbers and cancel types reach the checks as enumerators and
// macros; a libc may spell one as `(1 << 0)` or `((int)0x1)`. A macro body
// is evaluated here as the preprocessor's tokens, with the C precedence of
// the operators such constants use.
//
//===----------------------------------------------------------------------===//

#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Preprocessor.h"

namespace clang::tidy::threadlife::model {

std::optional<int64_t> integerValue(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent())
    return std::nullopt;
  if (std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Ctx))
    return Value->getExtValue();
  return std::nullopt;
}

namespace {

std::optional<int64_t> enumeratorValue(llvm::StringRef Name, ASTContext &Ctx) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
    if (const auto *Enumerator = dyn_cast<EnumConstantDecl>(D))
      return Enumerator->getInitVal().getExtValue();
  return std::nullopt;
}

/// A precedence-climbing reader of one macro's replacement tokens.
class MacroBody {
public:
  MacroBody(const MacroInfo &Macro, ASTContext &Ctx, const Preprocessor &PP,
            unsigned Depth)
      : Tokens(Macro.tokens()), Ctx(Ctx), PP(PP), Depth(Depth) {}

  std::optional<int64_t> value() {
    std::optional<int64_t> V = binary(0);
    return Next == Tokens.size() ? V : std::nullopt;
  }

private:
  static int precedence(tok::TokenKind K) {
    switch (K) {
    case tok::star:
      return 5;
    case tok::plus:
    case tok::minus:
      return 4;
    case tok::lessless:
    case tok::greatergreater:
      return 3;
    case tok::amp:
      return 2;
    case tok::caret:
      return 1;
    case tok::pipe:
      return 0;
    default:
      return -1;
    }
  }

  static int64_t apply(tok::TokenKind K, int64_t L, int64_t R) {
    switch (K) {
    case tok::star:
      return L * R;
    case tok::plus:
      return L + R;
    case tok::minus:
      return L - R;
    case tok::lessless:
      return R >= 0 && R < 63 ? L << R : 0;
    case tok::greatergreater:
      return R >= 0 && R < 63 ? L >> R : 0;
    case tok::amp:
      return L & R;
    case tok::caret:
      return L ^ R;
    default:
      return L | R;
    }
  }

  std::optional<int64_t> binary(int MinPrecedence) {
    std::optional<int64_t> L = unary();
    while (L && Next < Tokens.size()) {
      tok::TokenKind K = Tokens[Next].getKind();
      int P = precedence(K);
      if (P < MinPrecedence)
        break;
      ++Next;
      std::optional<int64_t> R = binary(P + 1);
      if (!R)
        return std::nullopt;
      L = apply(K, *L, *R);
    }
    return L;
  }

  std::optional<int64_t> unary() {
    if (Next == Tokens.size())
      return std::nullopt;
    const Token &Tok = Tokens[Next++];
    switch (Tok.getKind()) {
    case tok::minus:
      if (std::optional<int64_t> V = unary())
        return -*V;
      return std::nullopt;
    case tok::tilde:
      if (std::optional<int64_t> V = unary())
        return ~*V;
      return std::nullopt;
    case tok::plus:
      return unary();
    case tok::l_paren:
      return parenthesized();
    case tok::numeric_constant:
      return literal(Tok);
    case tok::identifier:
      return identifier(Tok.getIdentifierInfo()->getName());
    default:
      return std::nullopt;
    }
  }

  // `( expr )`, or a cast to a keyword type `(int) expr`, `(unsigned long)`.
  std::optional<int64_t> parenthesized() {
    unsigned Keywords = 0;
    while (Next + Keywords < Tokens.size() &&
           Tokens[Next + Keywords].getIdentifierInfo() &&
           Tokens[Next + Keywords].getIdentifierInfo()->isKeyword(
               Ctx.getLangOpts()))
      ++Keywords;
    if (Keywords && Next + Keywords < Tokens.size() &&
        Tokens[Next + Keywords].is(tok::r_paren)) {
      Next += Keywords + 1;
      return unary();
    }
    std::optional<int64_t> V = binary(0);
    if (!V || Next == Tokens.size() || Tokens[Next].isNot(tok::r_paren))
      return std::nullopt;
    ++Next;
    return V;
  }

  std::optional<int64_t> literal(const Token &Tok) const {
    llvm::StringRef Digits = PP.getSpelling(Tok);
    Digits = Digits.rtrim("uUlL");
    int64_t Value;
    if (Digits.getAsInteger(0, Value))
      return std::nullopt;
    return Value;
  }

  std::optional<int64_t> identifier(llvm::StringRef Name) const;

  llvm::ArrayRef<Token> Tokens;
  ASTContext &Ctx;
  const Preprocessor &PP;
  unsigned Depth;
  size_t Next = 0;
};

std::optional<int64_t> macroValue(llvm::StringRef Name, ASTContext &Ctx,
                                  const Preprocessor &PP, unsigned Depth) {
  if (Depth > 4)
    return std::nullopt;
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->isFunctionLike() || MI->getNumTokens() == 0)
    return std::nullopt;
  return MacroBody(*MI, Ctx, PP, Depth).value();
}

std::optional<int64_t> MacroBody::identifier(llvm::StringRef Name) const {
  // glibc: `#define PTHREAD_CANCEL_ASYNCHRONOUS PTHREAD_CANCEL_ASYNCHRONOUS`.
  if (std::optional<int64_t> V = enumeratorValue(Name, Ctx))
    return V;
  return macroValue(Name, Ctx, PP, Depth + 1);
}

} // namespace

std::optional<int64_t> namedConstant(llvm::StringRef Name, ASTContext &Ctx,
                                     const Preprocessor *PP) {
  if (std::optional<int64_t> V = enumeratorValue(Name, Ctx))
    return V;
  if (PP)
    return macroValue(Name, Ctx, *PP, 0);
  return std::nullopt;
}

} // namespace clang::tidy::threadlife::model
