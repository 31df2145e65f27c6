#include <broken.h>
void n(void) {}
