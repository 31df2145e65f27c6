#pragma once

#include <pthread.h>

// Restarts a worker that stopped sending heartbeats.
void restart_if_stuck(pthread_t worker, bool stuck);

// Stops a worker that blocks SIGTERM and waits for it with sigwait().
void stop_signal_waiter(pthread_t waiter);
