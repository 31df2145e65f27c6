/* An error in a system header still means the file does not compile. */
int broken = ;
