#pragma once
#include <pthread.h>

#ifndef STOPPER_SIGNAL
#error "the BUILD file defines STOPPER_SIGNAL"
#endif

void stop(pthread_t t);
