// Hooks for the constant-time test (the "ctgrind" technique).
//
// The valgrind-based test builds src/pqc with CRATON_CT_VALGRIND defined and marks secret inputs
// as undefined memory; memcheck then reports any branch or memory index that depends on them.
// Values that are public by design (a rejection-sampling verdict, a ciphertext that is about to
// be output) are declassified with CRATON_CT_DECLASSIFY. In normal builds both macros vanish.
#pragma once

#ifdef CRATON_CT_VALGRIND
#include <valgrind/memcheck.h>
#define CRATON_CT_SECRET(ptr, len) VALGRIND_MAKE_MEM_UNDEFINED((ptr), (len))
#define CRATON_CT_DECLASSIFY(ptr, len) VALGRIND_MAKE_MEM_DEFINED((ptr), (len))
#else
#define CRATON_CT_SECRET(ptr, len) ((void)(ptr), (void)(len))
#define CRATON_CT_DECLASSIFY(ptr, len) ((void)(ptr), (void)(len))
#endif
