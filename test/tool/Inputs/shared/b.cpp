#include "flag.h"

void b() {
  Worker w;
  w.start();
  w.stop();
}
