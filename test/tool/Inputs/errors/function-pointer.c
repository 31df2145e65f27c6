/* -Wincompatible-function-pointer-types is an error by default. */
void h(int (*)(int));
int k(char *);
void m(void) { h(k); }
