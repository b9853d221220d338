/*
 * Craton HSM - PKCS#11 umbrella header.
 *
 * The one header a client or our own module includes to get the complete
 * PKCS#11 interface (3.0, plus the 3.2 additions). It settles the platform
 * conventions that the OASIS standard leaves to each environment and then
 * pulls in the types/constants and the function declarations.
 *
 * We target Unix-like LP64 and ILP32 systems only. Windows would need 1-byte
 * structure packing and __declspec based linkage macros, which we
 * deliberately do not provide: a half-supported Windows layout is worse than
 * none, because mismatched packing corrupts every structure silently.
 */
#ifndef CRATON_PKCS11_H
#define CRATON_PKCS11_H

/*
 * Platform macros. Each can be predefined by a consumer with special needs
 * (for example to add a calling convention); otherwise the Unix forms apply.
 */
#ifndef CK_PTR
#define CK_PTR *
#endif

/*
 * Exported entry points get default visibility so that our module can be
 * built with -fvisibility=hidden and still export exactly the C_* symbols.
 * For clients the attribute on a declaration is harmless.
 */
#ifndef CK_DECLARE_FUNCTION
#if defined(__GNUC__) || defined(__clang__)
#define CK_DECLARE_FUNCTION(returnType, name) __attribute__((visibility("default"))) returnType name
#else
#define CK_DECLARE_FUNCTION(returnType, name) returnType name
#endif
#endif

#ifndef CK_DECLARE_FUNCTION_POINTER
#define CK_DECLARE_FUNCTION_POINTER(returnType, name) returnType(CK_PTR name)
#endif

#ifndef CK_CALLBACK_FUNCTION
#define CK_CALLBACK_FUNCTION(returnType, name) returnType(CK_PTR name)
#endif

/*
 * nullptr keeps C++ code free of integer-as-pointer conversions; C gets the
 * usual null pointer constant.
 */
#ifndef NULL_PTR
#ifdef __cplusplus
#define NULL_PTR nullptr
#else
#define NULL_PTR ((void*)0)
#endif
#endif

/*
 * Structure packing: none. On Unix every PKCS#11 implementation uses the
 * compiler's natural alignment, so no #pragma pack appears here; adding one
 * would break binary compatibility with other modules and clients.
 */

#ifdef __cplusplus
extern "C" {
#endif

/* Order matters: the prototypes use the types. */
#include "pkcs11_types.h"

#include "pkcs11_functions.h"

#ifdef __cplusplus
}
#endif

#endif /* CRATON_PKCS11_H */
