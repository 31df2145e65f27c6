//===--- HostVersionGuard.h - refuse another LLVM's clang-tidy -*- C++ -*-===//

#ifndef THREADLIFE_CHECKS_HOSTVERSIONGUARD_H
#define THREADLIFE_CHECKS_HOSTVERSIONGUARD_H

namespace clang::tidy::threadlife {

/// Ends the process with one line on stderr when the checks were loaded into
/// a program whose LLVM has another major version than the one they were
/// built against: such a clang-tidy loads the plugin without complaint, but
/// never runs its checks, and a CI gate built on it passes in silence.
void refuseForeignHost();

} // namespace clang::tidy::threadlife

#endif // THREADLIFE_CHECKS_HOSTVERSIONGUARD_H
