// RUN: %check_threadlife %s threadlife-unjoined-thread %t -header-filter='.*' -- -std=c++17 -pthread -I%S/Inputs/project

// A member joined by a public method of a class declared in a header is the
// owner's to stop: its callers may be in any file that includes the header.
// One that nothing joins is still reported.

#include "recovery.h"

// CHECK-MESSAGES: recovery.h:25:32: warning: 'thread_' may still be joinable when 'Unrecovered' is destroyed, which calls std::terminate; join it in the destructor{{.*}} [threadlife-unjoined-thread]

void use(Recovery &r, Unrecovered &u) {
  r.start();
  u.start();
}
