/* -Wimplicit-function-declaration is an error by default from C99. */
void g(void) { undeclared(); }
