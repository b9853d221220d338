// fixture: the entropy source may call getrandom
int f() { return getrandom(0, 0, 0); }
