#include "stopper/stopper.h"

#include <signal.h>

void stop(pthread_t t) { pthread_kill(t, STOPPER_SIGNAL); }
