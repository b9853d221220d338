// Objects, attributes and search.
#include "daemon/pkcs11_service.h"
#include "wire/attribute_codec.h"

namespace craton::daemon {

grpc::Status Pkcs11Service::CreateObject(grpc::ServerContext* context,
                                         const v1::TemplateRequest* request,
                                         v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_CreateObject(s, t.data(), t.size(), &object);
        if (rv == CKR_OK) response->set_object(object);
        return rv;
    });
}

grpc::Status Pkcs11Service::CopyObject(grpc::ServerContext* context,
                                       const v1::TemplateRequest* request,
                                       v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
        const CK_RV rv =
            p11_->C_CopyObject(s, ck_ulong(request->object()), t.data(), t.size(), &object);
        if (rv == CKR_OK) response->set_object(object);
        return rv;
    });
}

grpc::Status Pkcs11Service::DestroyObject(grpc::ServerContext* context,
                                          const v1::ObjectRequest* request,
                                          v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_DestroyObject(own(caller, request->session()), ck_ulong(request->object()));
    });
}

grpc::Status Pkcs11Service::GetObjectSize(grpc::ServerContext* context,
                                          const v1::ObjectRequest* request,
                                          v1::UlongResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        CK_ULONG size = 0;
        const CK_RV rv = p11_->C_GetObjectSize(own(caller, request->session()),
                                               ck_ulong(request->object()), &size);
        if (rv == CKR_OK) response->set_value(size);
        return rv;
    });
}

grpc::Status Pkcs11Service::GetAttributeValue(grpc::ServerContext* context,
                                              const v1::GetAttributeValueRequest* request,
                                              v1::GetAttributeValueResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        const CK_OBJECT_HANDLE o = ck_ulong(request->object());
        if (static_cast<std::size_t>(request->types_size()) > wire::kMaxListItems)
            return CKR_ARGUMENTS_BAD;

        // Pass 1: lengths, and which attributes the module will not reveal. The caller's
        // buffer sizes are applied by the remote module in its own ABI's terms.
        std::vector<CK_ATTRIBUTE> lengths;
        for (std::uint64_t type : request->types()) lengths.push_back({ck_ulong(type), nullptr, 0});
        const CK_RV first =
            p11_->C_GetAttributeValue(s, o, lengths.data(), static_cast<CK_ULONG>(lengths.size()));
        if (first != CKR_OK && first != CKR_ATTRIBUTE_SENSITIVE &&
            first != CKR_ATTRIBUTE_TYPE_INVALID) {
            return first;
        }

        // Pass 2: the values of the attributes that have one. Attribute arrays have no wire
        // encoding and are reported as an invalid type.
        CK_RV result = first;
        std::vector<std::vector<std::uint8_t>> values(lengths.size());
        std::vector<CK_ATTRIBUTE> fetch;
        std::vector<std::size_t> fetched_index;
        for (std::size_t i = 0; i < lengths.size(); ++i) {
            if (lengths[i].ulValueLen == CK_UNAVAILABLE_INFORMATION) continue;
            if (wire::attr_kind(lengths[i].type) == wire::AttrKind::AttributeArray) {
                lengths[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
                if (result == CKR_OK) result = CKR_ATTRIBUTE_TYPE_INVALID;
                continue;
            }
            if (lengths[i].ulValueLen > wire::kMaxOutputBytes) return CKR_DEVICE_MEMORY;
            values[i].resize(lengths[i].ulValueLen);
            fetch.push_back({lengths[i].type, values[i].empty() ? nullptr : values[i].data(),
                             lengths[i].ulValueLen});
            fetched_index.push_back(i);
        }
        if (!fetch.empty()) {
            const CK_RV second =
                p11_->C_GetAttributeValue(s, o, fetch.data(), static_cast<CK_ULONG>(fetch.size()));
            if (second != CKR_OK) return second;
        }
        for (std::size_t k = 0; k < fetch.size(); ++k)
            values[fetched_index[k]].resize(fetch[k].ulValueLen);

        for (std::size_t i = 0; i < lengths.size(); ++i) {
            auto* r = response->add_results();
            if (lengths[i].ulValueLen == CK_UNAVAILABLE_INFORMATION) {
                r->mutable_attribute()->set_type(lengths[i].type);
                r->set_unavailable(true);
            } else {
                wire::encode_attribute(lengths[i].type, values[i].data(),
                                       static_cast<CK_ULONG>(values[i].size()),
                                       *r->mutable_attribute());
            }
            if (!values[i].empty()) OPENSSL_cleanse(values[i].data(), values[i].size());
        }
        return result;
    });
}

grpc::Status Pkcs11Service::SetAttributeValue(grpc::ServerContext* context,
                                              const v1::TemplateRequest* request,
                                              v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeTemplate t(request->template_());
        return p11_->C_SetAttributeValue(s, ck_ulong(request->object()), t.data(), t.size());
    });
}

grpc::Status Pkcs11Service::FindObjectsInit(grpc::ServerContext* context,
                                            const v1::TemplateRequest* request,
                                            v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeTemplate t(request->template_());
        return p11_->C_FindObjectsInit(s, t.data(), t.size());
    });
}

grpc::Status Pkcs11Service::FindObjects(grpc::ServerContext* context,
                                        const v1::FindObjectsRequest* request,
                                        v1::UlongListResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        const auto max = static_cast<CK_ULONG>(
            std::min<std::uint64_t>(request->max_count(), wire::kMaxListItems));
        std::vector<CK_OBJECT_HANDLE> found(std::max<CK_ULONG>(max, 1));
        CK_ULONG count = 0;
        const CK_RV rv = p11_->C_FindObjects(s, found.data(), max, &count);
        if (rv != CKR_OK) return rv;
        for (CK_ULONG i = 0; i < count && i < max; ++i) response->add_values(found[i]);
        return CKR_OK;
    });
}

grpc::Status Pkcs11Service::FindObjectsFinal(grpc::ServerContext* context,
                                             const v1::SessionRequest* request,
                                             v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        return p11_->C_FindObjectsFinal(own(caller, request->session()));
    });
}

}  // namespace craton::daemon
