#pragma once

#include <stop_token>

// Reads one sample from a sensor; blocks until one arrives.
int read_sample(int sensor);

// Pulls samples until asked to stop.
void sample_until_stopped(std::stop_token token, int sensor);

// Pulls samples forever: nothing ever asks it to stop.
void sample_forever(std::stop_token token, int sensor);
