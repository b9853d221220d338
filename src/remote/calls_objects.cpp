// Objects, attributes and search.
#include <cstring>

#include <openssl/crypto.h>

#include "remote/remote_calls.h"
#include "remote/remote_guard.h"
#include "remote/remote_state.h"
#include "wire/attribute_codec.h"
#include "wire/limits.h"

namespace craton::remote {

CK_RV CreateObject(CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                   CK_OBJECT_HANDLE_PTR phObject) {
    return guard([&]() -> CK_RV {
        if (phObject == nullptr) return CKR_ARGUMENTS_BAD;
        v1::TemplateRequest q;
        q.set_session(hSession);
        wire::encode_template(pTemplate, ulCount, *q.mutable_template_());
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::CreateObject, q, r);
        if (rv == CKR_OK) *phObject = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV CopyObject(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ATTRIBUTE_PTR pTemplate,
                 CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phNewObject) {
    return guard([&]() -> CK_RV {
        if (phNewObject == nullptr) return CKR_ARGUMENTS_BAD;
        v1::TemplateRequest q;
        q.set_session(hSession);
        q.set_object(hObject);
        wire::encode_template(pTemplate, ulCount, *q.mutable_template_());
        v1::ObjectResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::CopyObject, q, r);
        if (rv == CKR_OK) *phNewObject = static_cast<CK_OBJECT_HANDLE>(r.object());
        return rv;
    });
}

CK_RV DestroyObject(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject) {
    return guard([&]() -> CK_RV {
        v1::ObjectRequest q;
        q.set_session(hSession);
        q.set_object(hObject);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::DestroyObject, q, r);
    });
}

CK_RV GetObjectSize(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ULONG_PTR pulSize) {
    return guard([&]() -> CK_RV {
        if (pulSize == nullptr) return CKR_ARGUMENTS_BAD;
        v1::ObjectRequest q;
        q.set_session(hSession);
        q.set_object(hObject);
        v1::UlongResponse r;
        const CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetObjectSize, q, r);
        if (rv == CKR_OK) *pulSize = static_cast<CK_ULONG>(r.value());
        return rv;
    });
}

// The daemon returns every readable value in full; the caller's buffer protocol (length
// query, copy, CKR_BUFFER_TOO_SMALL) is applied here, in this machine's ABI, because native
// lengths (sizeof(CK_ULONG)) are only known on this side.
CK_RV GetAttributeValue(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                        CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return guard([&]() -> CK_RV {
        if (pTemplate == nullptr && ulCount != 0) return CKR_ARGUMENTS_BAD;
        v1::GetAttributeValueRequest q;
        q.set_session(hSession);
        q.set_object(hObject);
        for (CK_ULONG i = 0; i < ulCount; ++i) q.add_types(pTemplate[i].type);
        v1::GetAttributeValueResponse r;
        CK_RV rv = query_rpc(&v1::Pkcs11::Stub::GetAttributeValue, q, r);
        if (rv != CKR_OK && rv != CKR_ATTRIBUTE_SENSITIVE && rv != CKR_ATTRIBUTE_TYPE_INVALID)
            return rv;
        if (static_cast<CK_ULONG>(r.results_size()) != ulCount) return CKR_DEVICE_ERROR;
        for (CK_ULONG i = 0; i < ulCount; ++i) {
            const auto& result = r.results(static_cast<int>(i));
            CK_ATTRIBUTE& a = pTemplate[i];
            if (result.unavailable()) {
                a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
                continue;
            }
            std::vector<std::uint8_t> value = wire::decode_value(result.attribute());
            if (a.pValue == nullptr) {
                a.ulValueLen = static_cast<CK_ULONG>(value.size());
            } else if (a.ulValueLen >= value.size()) {
                if (!value.empty()) std::memcpy(a.pValue, value.data(), value.size());
                a.ulValueLen = static_cast<CK_ULONG>(value.size());
            } else {
                a.ulValueLen = CK_UNAVAILABLE_INFORMATION;
                if (rv == CKR_OK) rv = CKR_BUFFER_TOO_SMALL;
            }
            if (!value.empty()) OPENSSL_cleanse(value.data(), value.size());
        }
        return rv;
    });
}

CK_RV SetAttributeValue(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                        CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return guard([&]() -> CK_RV {
        v1::TemplateRequest q;
        q.set_session(hSession);
        q.set_object(hObject);
        wire::encode_template(pTemplate, ulCount, *q.mutable_template_());
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::SetAttributeValue, q, r);
    });
}

CK_RV FindObjectsInit(CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount) {
    return guard([&]() -> CK_RV {
        v1::TemplateRequest q;
        q.set_session(hSession);
        wire::encode_template(pTemplate, ulCount, *q.mutable_template_());
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::FindObjectsInit, q, r);
    });
}

CK_RV FindObjects(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject,
                  CK_ULONG ulMaxObjectCount, CK_ULONG_PTR pulObjectCount) {
    return guard([&]() -> CK_RV {
        if (pulObjectCount == nullptr || (phObject == nullptr && ulMaxObjectCount != 0))
            return CKR_ARGUMENTS_BAD;
        v1::FindObjectsRequest q;
        q.set_session(hSession);
        // The daemon caps one batch; a caller asking for more simply calls again, as the
        // specification already requires of it.
        q.set_max_count(std::min<CK_ULONG>(ulMaxObjectCount, wire::kMaxListItems));
        v1::UlongListResponse r;
        const CK_RV rv = rpc(&v1::Pkcs11::Stub::FindObjects, q, r);
        if (rv != CKR_OK) return rv;
        if (static_cast<CK_ULONG>(r.values_size()) > ulMaxObjectCount) return CKR_DEVICE_ERROR;
        for (int i = 0; i < r.values_size(); ++i)
            phObject[i] = static_cast<CK_OBJECT_HANDLE>(r.values(i));
        *pulObjectCount = static_cast<CK_ULONG>(r.values_size());
        return CKR_OK;
    });
}

CK_RV FindObjectsFinal(CK_SESSION_HANDLE hSession) {
    return guard([&]() -> CK_RV {
        v1::SessionRequest q;
        q.set_session(hSession);
        v1::RvResponse r;
        return rpc(&v1::Pkcs11::Stub::FindObjectsFinal, q, r);
    });
}

}  // namespace craton::remote
