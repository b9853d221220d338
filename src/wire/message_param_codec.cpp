#include "wire/message_param_codec.h"

#include <cstring>
#include <limits>

#include "core/error.h"

namespace craton::wire {
namespace {

// The most IV and tag bytes the client reads from the caller's buffers. The module's own
// bounds are lower (128-byte IV, 16-byte tag) and it checks them before touching either
// buffer, so a longer length is sent as an empty buffer and refused by the module just as the
// local module refuses it, without reading past what the caller can have meant.
constexpr CK_ULONG kMaxIvBytes = 1024;
constexpr CK_ULONG kMaxTagBits = 1024 * 8;
// The daemon's tag buffer is never smaller than the largest tag GCM writes.
constexpr std::size_t kMinTagBuffer = 16;

CK_ULONG to_ulong(std::uint64_t v) {
    if (v > std::numeric_limits<CK_ULONG>::max()) fail(CKR_MECHANISM_PARAM_INVALID);
    return static_cast<CK_ULONG>(v);
}

void copy_changed(CK_BYTE_PTR dst, const std::string& src) {
    if (std::memcmp(dst, src.data(), src.size()) != 0) std::memcpy(dst, src.data(), src.size());
}

}  // namespace

void encode_message_parameter(const void* parameter, CK_ULONG length, v1::MessageParameter& out) {
    if (parameter == nullptr && length == 0) return;
    if (parameter == nullptr || length != sizeof(CK_GCM_MESSAGE_PARAMS)) {
        out.set_unsupported(true);
        return;
    }
    CK_GCM_MESSAGE_PARAMS p;
    std::memcpy(&p, parameter, sizeof p);
    auto* g = out.mutable_gcm();
    g->set_has_iv(p.pIv != nullptr);
    if (p.pIv != nullptr && p.ulIvLen <= kMaxIvBytes)
        g->set_iv(reinterpret_cast<const char*>(p.pIv), p.ulIvLen);
    g->set_iv_fixed_bits(p.ulIvFixedBits);
    g->set_iv_generator(p.ivGenerator);
    g->set_has_tag(p.pTag != nullptr);
    if (p.pTag != nullptr && p.ulTagBits <= kMaxTagBits)
        g->set_tag(reinterpret_cast<const char*>(p.pTag), p.ulTagBits / 8);
    g->set_tag_bits(p.ulTagBits);
}

void write_back_message_parameter(const v1::MessageParameter& answer, void* parameter,
                                  CK_ULONG length) {
    if (!answer.has_gcm() || parameter == nullptr || length != sizeof(CK_GCM_MESSAGE_PARAMS))
        return;
    CK_GCM_MESSAGE_PARAMS p;
    std::memcpy(&p, parameter, sizeof p);
    const auto& g = answer.gcm();
    // Only buffers of exactly the size sent: anything else is a daemon bug, never an overflow.
    if (p.pIv != nullptr && p.ulIvLen <= kMaxIvBytes && g.iv().size() == p.ulIvLen)
        copy_changed(p.pIv, g.iv());
    if (p.pTag != nullptr && p.ulTagBits <= kMaxTagBits && g.tag().size() == p.ulTagBits / 8)
        copy_changed(p.pTag, g.tag());
}

NativeMessageParameter::NativeMessageParameter(const v1::MessageParameter& m) {
    switch (m.value_case()) {
        case v1::MessageParameter::VALUE_NOT_SET:
            return;
        case v1::MessageParameter::kUnsupported:
            fail(CKR_MECHANISM_PARAM_INVALID);
        case v1::MessageParameter::kGcm:
            break;
    }
    const auto& g = m.gcm();
    present_ = true;
    has_iv_ = g.has_iv();
    has_tag_ = g.has_tag();
    iv_ = g.iv();
    // The module writes ulIvLen bytes of IV and ulTagBits / 8 of tag: ulIvLen is the size of
    // our copy, and the tag buffer is large enough for any tag the module accepts.
    tag_sent_ = g.tag().size();
    tag_ = g.tag();
    if (tag_.size() < kMinTagBuffer) tag_.resize(kMinTagBuffer, '\0');
    gcm_.pIv = has_iv_ ? reinterpret_cast<CK_BYTE_PTR>(iv_.data()) : nullptr;
    gcm_.ulIvLen = static_cast<CK_ULONG>(iv_.size());
    gcm_.ulIvFixedBits = to_ulong(g.iv_fixed_bits());
    gcm_.ivGenerator = to_ulong(g.iv_generator());
    gcm_.pTag = has_tag_ ? reinterpret_cast<CK_BYTE_PTR>(tag_.data()) : nullptr;
    gcm_.ulTagBits = to_ulong(g.tag_bits());
    if (has_tag_ && gcm_.ulTagBits / 8 > tag_.size()) gcm_.ulTagBits = 0;  // module refuses 0
}

void NativeMessageParameter::answer(v1::MessageParameter& out) const {
    if (!present_) return;
    auto* g = out.mutable_gcm();
    g->set_has_iv(has_iv_);
    g->set_iv(iv_);
    g->set_iv_fixed_bits(gcm_.ulIvFixedBits);
    g->set_iv_generator(gcm_.ivGenerator);
    g->set_has_tag(has_tag_);
    g->set_tag(tag_.data(), tag_sent_);
    g->set_tag_bits(gcm_.ulTagBits);
}

}  // namespace craton::wire
