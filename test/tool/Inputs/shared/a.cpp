#include "flag.h"

void a() {
  Worker w;
  w.start();
  w.stop();
}
