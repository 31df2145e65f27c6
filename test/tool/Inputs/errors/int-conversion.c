/* -Wint-conversion is an error by default: the file does not compile. */
void f(void) { int *p = 1; (void)p; }
