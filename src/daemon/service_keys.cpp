// Key generation, wrapping, derivation, encapsulation and random numbers.
#include "daemon/pkcs11_service.h"
#include "wire/attribute_codec.h"
#include "wire/mechanism_codec.h"

namespace craton::daemon {

grpc::Status Pkcs11Service::GenerateKey(grpc::ServerContext* context,
                                        const v1::GenerateKeyRequest* request,
                                        v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_GenerateKey(s, m.get(), t.data(), t.size(), &key);
        if (rv == CKR_OK) response->set_object(key);
        return rv;
    });
}

grpc::Status Pkcs11Service::GenerateKeyPair(grpc::ServerContext* context,
                                            const v1::GenerateKeyPairRequest* request,
                                            v1::KeyPairResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate pub(request->public_template());
        wire::NativeTemplate priv(request->private_template());
        CK_OBJECT_HANDLE pub_key = CK_INVALID_HANDLE;
        CK_OBJECT_HANDLE priv_key = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_GenerateKeyPair(s, m.get(), pub.data(), pub.size(), priv.data(),
                                                 priv.size(), &pub_key, &priv_key);
        if (rv == CKR_OK) {
            response->set_public_key(pub_key);
            response->set_private_key(priv_key);
        }
        return rv;
    });
}

grpc::Status Pkcs11Service::WrapKey(grpc::ServerContext* context, const v1::WrapKeyRequest* request,
                                    v1::DataResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        return with_output(request->output(), response, [&](CK_BYTE_PTR out, CK_ULONG_PTR len) {
            return p11_->C_WrapKey(s, m.get(), ck_ulong(request->wrapping_key()),
                                   ck_ulong(request->key()), out, len);
        });
    });
}

grpc::Status Pkcs11Service::UnwrapKey(grpc::ServerContext* context,
                                      const v1::UnwrapKeyRequest* request,
                                      v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_UnwrapKey(
            s, m.get(), ck_ulong(request->unwrapping_key()), input_bytes(request->wrapped_key()),
            input_length(request->wrapped_key()), t.data(), t.size(), &key);
        if (rv == CKR_OK) response->set_object(key);
        return rv;
    });
}

grpc::Status Pkcs11Service::DeriveKey(grpc::ServerContext* context,
                                      const v1::DeriveKeyRequest* request,
                                      v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        const CK_RV rv =
            p11_->C_DeriveKey(s, m.get(), ck_ulong(request->base_key()), t.data(), t.size(), &key);
        if (rv == CKR_OK) response->set_object(key);
        return rv;
    });
}

grpc::Status Pkcs11Service::EncapsulateKey(grpc::ServerContext* context,
                                           const v1::EncapsulateKeyRequest* request,
                                           v1::EncapsulateKeyResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate t(request->template_());
        const bool query = request->ciphertext().query_length();
        CK_ULONG length = query ? 0
                                : static_cast<CK_ULONG>(std::min<std::uint64_t>(
                                      request->ciphertext().capacity(), wire::kMaxOutputBytes));
        std::string buffer(length, '\0');
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_EncapsulateKey(
            s, m.get(), ck_ulong(request->public_key()), t.data(), t.size(),
            query ? nullptr : reinterpret_cast<CK_BYTE_PTR>(buffer.data()), &length, &key);
        response->set_ciphertext_length(length);
        if (rv == CKR_OK && !query) {
            response->set_ciphertext(buffer.data(), std::min<std::size_t>(length, buffer.size()));
            response->set_key(key);
        }
        return rv;
    });
}

grpc::Status Pkcs11Service::DecapsulateKey(grpc::ServerContext* context,
                                           const v1::DecapsulateKeyRequest* request,
                                           v1::ObjectResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        wire::NativeMechanism m(request->mechanism());
        wire::NativeTemplate t(request->template_());
        CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
        const CK_RV rv = p11_->C_DecapsulateKey(
            s, m.get(), ck_ulong(request->private_key()), t.data(), t.size(),
            input_bytes(request->ciphertext()), input_length(request->ciphertext()), &key);
        if (rv == CKR_OK) response->set_object(key);
        return rv;
    });
}

grpc::Status Pkcs11Service::SeedRandom(grpc::ServerContext* context, const v1::DataRequest* request,
                                       v1::RvResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        return p11_->C_SeedRandom(s, input_bytes(request->data()), input_length(request->data()));
    });
}

grpc::Status Pkcs11Service::GenerateRandom(grpc::ServerContext* context,
                                           const v1::GenerateRandomRequest* request,
                                           v1::DataResponse* response) {
    return serve(context, response, [&](const ClientIdentity& caller) -> CK_RV {
        const CK_SESSION_HANDLE s = own(caller, request->session());
        if (request->length() > wire::kMaxOutputBytes) return CKR_ARGUMENTS_BAD;
        std::string buffer(request->length(), '\0');
        const CK_RV rv = p11_->C_GenerateRandom(s, reinterpret_cast<CK_BYTE_PTR>(buffer.data()),
                                                static_cast<CK_ULONG>(buffer.size()));
        if (rv == CKR_OK) {
            response->set_length(buffer.size());
            response->set_data(std::move(buffer));
        }
        return rv;
    });
}

}  // namespace craton::daemon
