// Object management functions.
#include "core/template.h"
#include "pkcs11/guard.h"

using namespace craton;

extern "C" {

CK_DECLARE_FUNCTION(CK_RV, C_CreateObject)(CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate,
                                           CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phObject) {
    return abi::call([&](Hsm& hsm) {
        if (phObject == nullptr || (pTemplate == nullptr && ulCount != 0)) {
            fail(CKR_ARGUMENTS_BAD);
        }
        *phObject = hsm.create_object(hSession, Template::from_caller(pTemplate, ulCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_CopyObject)(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                         CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                                         CK_OBJECT_HANDLE_PTR phNewObject) {
    return abi::call([&](Hsm& hsm) {
        if (phNewObject == nullptr || (pTemplate == nullptr && ulCount != 0)) {
            fail(CKR_ARGUMENTS_BAD);
        }
        *phNewObject =
            hsm.copy_object(hSession, hObject, Template::from_caller(pTemplate, ulCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_DestroyObject)(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject) {
    return abi::call([&](Hsm& hsm) { hsm.destroy_object(hSession, hObject); });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetObjectSize)(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                            CK_ULONG_PTR pulSize) {
    return abi::call([&](Hsm& hsm) {
        if (pulSize == nullptr) fail(CKR_ARGUMENTS_BAD);
        *pulSize = hsm.object_size(hSession, hObject);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_GetAttributeValue)(CK_SESSION_HANDLE hSession,
                                                CK_OBJECT_HANDLE hObject,
                                                CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return abi::call([&](Hsm& hsm) {
        if (pTemplate == nullptr && ulCount != 0) fail(CKR_ARGUMENTS_BAD);
        return hsm.get_attributes(hSession, hObject, pTemplate, ulCount);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_SetAttributeValue)(CK_SESSION_HANDLE hSession,
                                                CK_OBJECT_HANDLE hObject,
                                                CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return abi::call([&](Hsm& hsm) {
        if (pTemplate == nullptr && ulCount != 0) fail(CKR_ARGUMENTS_BAD);
        hsm.set_attributes(hSession, hObject, Template::from_caller(pTemplate, ulCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_FindObjectsInit)(CK_SESSION_HANDLE hSession,
                                              CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return abi::call([&](Hsm& hsm) {
        if (pTemplate == nullptr && ulCount != 0) fail(CKR_ARGUMENTS_BAD);
        hsm.find_init(hSession, Template::from_caller(pTemplate, ulCount));
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_FindObjects)(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject,
                                          CK_ULONG ulMaxObjectCount,
                                          CK_ULONG_PTR pulObjectCount) {
    return abi::call([&](Hsm& hsm) {
        if (pulObjectCount == nullptr || (phObject == nullptr && ulMaxObjectCount != 0)) {
            fail(CKR_ARGUMENTS_BAD);
        }
        *pulObjectCount = hsm.find(hSession, phObject, ulMaxObjectCount);
    });
}

CK_DECLARE_FUNCTION(CK_RV, C_FindObjectsFinal)(CK_SESSION_HANDLE hSession) {
    return abi::call([&](Hsm& hsm) { hsm.find_final(hSession); });
}

}  // extern "C"
