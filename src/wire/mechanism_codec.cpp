#include "wire/mechanism_codec.h"

#include <cstring>
#include <limits>

#include <openssl/crypto.h>

#include "core/error.h"
#include "wire/param_kind.h"

namespace craton::wire {
namespace {

std::string bytes_of(const void* p, CK_ULONG len) {
    if (len == 0) return {};
    if (p == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    return std::string(static_cast<const char*>(p), len);
}

template <class T>
T struct_param(const CK_MECHANISM& m) {
    if (m.ulParameterLen != sizeof(T)) fail(CKR_MECHANISM_PARAM_INVALID);
    T out;
    std::memcpy(&out, m.pParameter, sizeof out);
    return out;
}

CK_ULONG to_ulong(std::uint64_t v) {
    if (v > std::numeric_limits<CK_ULONG>::max()) fail(CKR_MECHANISM_PARAM_INVALID);
    return static_cast<CK_ULONG>(v);
}

bool shape_matches(ParamKind kind, v1::Mechanism::ParameterCase c) {
    switch (kind) {
        case ParamKind::Bytes:
            return c == v1::Mechanism::kBytesParam;
        case ParamKind::Ulong:
            return c == v1::Mechanism::kUlongParam;
        case ParamKind::Gcm:
            return c == v1::Mechanism::kGcm;
        case ParamKind::Oaep:
            return c == v1::Mechanism::kOaep;
        case ParamKind::Pss:
            return c == v1::Mechanism::kPss;
        case ParamKind::Ecdh1:
            return c == v1::Mechanism::kEcdh1;
        case ParamKind::Hkdf:
            return c == v1::Mechanism::kHkdf;
        case ParamKind::AesCtr:
            return c == v1::Mechanism::kAesCtr;
        case ParamKind::Eddsa:
            return c == v1::Mechanism::kEddsa;
        case ParamKind::SignContext:
            return c == v1::Mechanism::kSignContext;
        case ParamKind::HashSignContext:
            return c == v1::Mechanism::kHashSignContext;
        case ParamKind::Unsupported:
            return false;
    }
    return false;
}

}  // namespace

void encode_mechanism(const CK_MECHANISM* mechanism, v1::Mechanism& out) {
    if (mechanism == nullptr) fail(CKR_ARGUMENTS_BAD);
    const CK_MECHANISM& m = *mechanism;
    out.set_type(m.mechanism);
    if (m.pParameter == nullptr && m.ulParameterLen == 0) return;
    if (m.pParameter == nullptr) fail(CKR_MECHANISM_PARAM_INVALID);
    switch (param_kind(m.mechanism)) {
        case ParamKind::Bytes:
            out.set_bytes_param(bytes_of(m.pParameter, m.ulParameterLen));
            return;
        case ParamKind::Ulong:
            out.set_ulong_param(struct_param<CK_ULONG>(m));
            return;
        case ParamKind::Gcm: {
            const auto p = struct_param<CK_GCM_PARAMS>(m);
            auto* g = out.mutable_gcm();
            g->set_iv(bytes_of(p.pIv, p.ulIvLen));
            g->set_iv_bits(p.ulIvBits);
            g->set_aad(bytes_of(p.pAAD, p.ulAADLen));
            g->set_tag_bits(p.ulTagBits);
            return;
        }
        case ParamKind::Oaep: {
            const auto p = struct_param<CK_RSA_PKCS_OAEP_PARAMS>(m);
            auto* o = out.mutable_oaep();
            o->set_hash_alg(p.hashAlg);
            o->set_mgf(p.mgf);
            o->set_source(p.source);
            o->set_source_data(bytes_of(p.pSourceData, p.ulSourceDataLen));
            return;
        }
        case ParamKind::Pss: {
            const auto p = struct_param<CK_RSA_PKCS_PSS_PARAMS>(m);
            auto* s = out.mutable_pss();
            s->set_hash_alg(p.hashAlg);
            s->set_mgf(p.mgf);
            s->set_salt_length(p.sLen);
            return;
        }
        case ParamKind::Ecdh1: {
            const auto p = struct_param<CK_ECDH1_DERIVE_PARAMS>(m);
            auto* e = out.mutable_ecdh1();
            e->set_kdf(p.kdf);
            e->set_shared_data(bytes_of(p.pSharedData, p.ulSharedDataLen));
            e->set_public_data(bytes_of(p.pPublicData, p.ulPublicDataLen));
            return;
        }
        case ParamKind::Hkdf: {
            const auto p = struct_param<CK_HKDF_PARAMS>(m);
            auto* h = out.mutable_hkdf();
            h->set_extract(p.bExtract != CK_FALSE);
            h->set_expand(p.bExpand != CK_FALSE);
            h->set_prf_hash_mechanism(p.prfHashMechanism);
            h->set_salt_type(p.ulSaltType);
            h->set_salt(bytes_of(p.pSalt, p.ulSaltLen));
            h->set_salt_key(p.hSaltKey);
            h->set_info(bytes_of(p.pInfo, p.ulInfoLen));
            return;
        }
        case ParamKind::AesCtr: {
            const auto p = struct_param<CK_AES_CTR_PARAMS>(m);
            auto* c = out.mutable_aes_ctr();
            c->set_counter_bits(p.ulCounterBits);
            c->set_counter_block(std::string(reinterpret_cast<const char*>(p.cb), sizeof p.cb));
            return;
        }
        case ParamKind::Eddsa: {
            const auto p = struct_param<CK_EDDSA_PARAMS>(m);
            auto* e = out.mutable_eddsa();
            e->set_prehash(p.phFlag != CK_FALSE);
            e->set_context(bytes_of(p.pContextData, p.ulContextDataLen));
            return;
        }
        case ParamKind::SignContext: {
            const auto p = struct_param<CK_SIGN_ADDITIONAL_CONTEXT>(m);
            auto* c = out.mutable_sign_context();
            c->set_hedge_variant(p.hedgeVariant);
            c->set_context(bytes_of(p.pContext, p.ulContextLen));
            return;
        }
        case ParamKind::HashSignContext: {
            const auto p = struct_param<CK_HASH_SIGN_ADDITIONAL_CONTEXT>(m);
            auto* c = out.mutable_hash_sign_context();
            c->set_hedge_variant(p.hedgeVariant);
            c->set_context(bytes_of(p.pContext, p.ulContextLen));
            c->set_hash(p.hash);
            return;
        }
        case ParamKind::Unsupported:
            break;
    }
    fail(CKR_MECHANISM_PARAM_INVALID, "mechanism parameter has no portable encoding");
}

CK_BYTE_PTR NativeMechanism::own(std::string& slot, const std::string& bytes) {
    slot = bytes;
    return slot.empty() ? nullptr : reinterpret_cast<CK_BYTE_PTR>(slot.data());
}

NativeMechanism::NativeMechanism(const v1::Mechanism& m) {
    mech_.mechanism = to_ulong(m.type());
    const auto c = m.parameter_case();
    if (c == v1::Mechanism::PARAMETER_NOT_SET) return;
    if (!shape_matches(param_kind(mech_.mechanism), c)) fail(CKR_MECHANISM_PARAM_INVALID);
    switch (c) {
        case v1::Mechanism::kBytesParam:
            mech_.pParameter = own(buffers_[0], m.bytes_param());
            mech_.ulParameterLen = static_cast<CK_ULONG>(buffers_[0].size());
            return;
        case v1::Mechanism::kUlongParam:
            params_ = to_ulong(m.ulong_param());
            mech_.pParameter = &std::get<CK_ULONG>(params_);
            mech_.ulParameterLen = sizeof(CK_ULONG);
            return;
        case v1::Mechanism::kGcm: {
            auto& p = params_.emplace<CK_GCM_PARAMS>();
            p.pIv = own(buffers_[0], m.gcm().iv());
            p.ulIvLen = static_cast<CK_ULONG>(buffers_[0].size());
            p.ulIvBits = to_ulong(m.gcm().iv_bits());
            p.pAAD = own(buffers_[1], m.gcm().aad());
            p.ulAADLen = static_cast<CK_ULONG>(buffers_[1].size());
            p.ulTagBits = to_ulong(m.gcm().tag_bits());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kOaep: {
            auto& p = params_.emplace<CK_RSA_PKCS_OAEP_PARAMS>();
            p.hashAlg = to_ulong(m.oaep().hash_alg());
            p.mgf = to_ulong(m.oaep().mgf());
            p.source = to_ulong(m.oaep().source());
            p.pSourceData = own(buffers_[0], m.oaep().source_data());
            p.ulSourceDataLen = static_cast<CK_ULONG>(buffers_[0].size());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kPss: {
            auto& p = params_.emplace<CK_RSA_PKCS_PSS_PARAMS>();
            p.hashAlg = to_ulong(m.pss().hash_alg());
            p.mgf = to_ulong(m.pss().mgf());
            p.sLen = to_ulong(m.pss().salt_length());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kEcdh1: {
            auto& p = params_.emplace<CK_ECDH1_DERIVE_PARAMS>();
            p.kdf = to_ulong(m.ecdh1().kdf());
            p.pSharedData = own(buffers_[0], m.ecdh1().shared_data());
            p.ulSharedDataLen = static_cast<CK_ULONG>(buffers_[0].size());
            p.pPublicData = own(buffers_[1], m.ecdh1().public_data());
            p.ulPublicDataLen = static_cast<CK_ULONG>(buffers_[1].size());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kHkdf: {
            auto& p = params_.emplace<CK_HKDF_PARAMS>();
            p.bExtract = m.hkdf().extract() ? CK_TRUE : CK_FALSE;
            p.bExpand = m.hkdf().expand() ? CK_TRUE : CK_FALSE;
            p.prfHashMechanism = to_ulong(m.hkdf().prf_hash_mechanism());
            p.ulSaltType = to_ulong(m.hkdf().salt_type());
            p.pSalt = own(buffers_[0], m.hkdf().salt());
            p.ulSaltLen = static_cast<CK_ULONG>(buffers_[0].size());
            p.hSaltKey = to_ulong(m.hkdf().salt_key());
            p.pInfo = own(buffers_[1], m.hkdf().info());
            p.ulInfoLen = static_cast<CK_ULONG>(buffers_[1].size());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kAesCtr: {
            auto& p = params_.emplace<CK_AES_CTR_PARAMS>();
            if (m.aes_ctr().counter_block().size() != sizeof p.cb)
                fail(CKR_MECHANISM_PARAM_INVALID);
            p.ulCounterBits = to_ulong(m.aes_ctr().counter_bits());
            std::memcpy(p.cb, m.aes_ctr().counter_block().data(), sizeof p.cb);
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kEddsa: {
            auto& p = params_.emplace<CK_EDDSA_PARAMS>();
            p.phFlag = m.eddsa().prehash() ? CK_TRUE : CK_FALSE;
            p.pContextData = own(buffers_[0], m.eddsa().context());
            p.ulContextDataLen = static_cast<CK_ULONG>(buffers_[0].size());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kSignContext: {
            auto& p = params_.emplace<CK_SIGN_ADDITIONAL_CONTEXT>();
            p.hedgeVariant = to_ulong(m.sign_context().hedge_variant());
            p.pContext = own(buffers_[0], m.sign_context().context());
            p.ulContextLen = static_cast<CK_ULONG>(buffers_[0].size());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::kHashSignContext: {
            auto& p = params_.emplace<CK_HASH_SIGN_ADDITIONAL_CONTEXT>();
            p.hedgeVariant = to_ulong(m.hash_sign_context().hedge_variant());
            p.pContext = own(buffers_[0], m.hash_sign_context().context());
            p.ulContextLen = static_cast<CK_ULONG>(buffers_[0].size());
            p.hash = to_ulong(m.hash_sign_context().hash());
            mech_.pParameter = &p;
            mech_.ulParameterLen = sizeof p;
            return;
        }
        case v1::Mechanism::PARAMETER_NOT_SET:
            return;
    }
}

NativeMechanism::~NativeMechanism() {
    for (auto& b : buffers_) {
        if (!b.empty()) OPENSSL_cleanse(b.data(), b.size());
    }
}

}  // namespace craton::wire
