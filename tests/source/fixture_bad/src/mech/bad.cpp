// fixture: a mechanism drawing randomness directly must be caught
void g(unsigned char* b) { RAND_bytes(b, 16); }
