//===--- ThreadLifeModule.cpp - the threadlife- checks --------------------===//

#include "BlockingWaitIgnoresStopCheck.h"
#include "DetachedThreadCheck.h"
#include "ForcedKillCheck.h"
#include "HostVersionGuard.h"
#include "InvalidJoinCheck.h"
#include "LoopIgnoresStopCheck.h"
#include "TidyModuleRegistry.h"
#include "UnjoinedThreadCheck.h"
#include "UnsafeStopFlagCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy::threadlife {

class ThreadLifeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<ForcedKillCheck>("threadlife-forced-kill");
    Factories.registerCheck<LoopIgnoresStopCheck>(
        "threadlife-loop-ignores-stop");
    Factories.registerCheck<BlockingWaitIgnoresStopCheck>(
        "threadlife-blocking-wait-ignores-stop");
    Factories.registerCheck<UnsafeStopFlagCheck>("threadlife-unsafe-stop-flag");
    Factories.registerCheck<UnjoinedThreadCheck>("threadlife-unjoined-thread");
    Factories.registerCheck<InvalidJoinCheck>("threadlife-invalid-join");
    Factories.registerCheck<DetachedThreadCheck>("threadlife-detached-thread");
  }
};

// Before the registration below: a foreign host must not see the module.
[[maybe_unused]] static const bool HostChecked = (refuseForeignHost(), true);

static ClangTidyModuleRegistry::Add<ThreadLifeModule>
    X("threadlife-module", "Checks for the lifecycle of threads.");

} // namespace clang::tidy::threadlife

// Referenced by the driver so that a static link keeps this module.
volatile int ThreadLifeModuleAnchorSource = 0;
