// The portable encodings of src/wire: values keep their types across the wire, parameter
// structures survive a round trip, and the daemon side refuses a parameter whose shape is not
// the mechanism's (the guard against client bytes being read as a structure of pointers).
#include <cstring>
#include <functional>

#include <gtest/gtest.h>

#include "core/error.h"
#include "wire/attribute_codec.h"
#include "wire/mechanism_codec.h"
#include "wire/message_param_codec.h"

namespace craton::wire {
namespace {

CK_RV rv_of(const std::function<void()>& f) {
    try {
        f();
        return CKR_OK;
    } catch (const Pkcs11Error& e) {
        return e.rv();
    }
}

TEST(WireAttributes, UlongAndBoolTravelAsTypedValues) {
    CK_ULONG bits = 2048;
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE t[] = {{CKA_MODULUS_BITS, &bits, sizeof bits},
                        {CKA_SIGN, &yes, sizeof yes},
                        {CKA_LABEL, const_cast<char*>("k"), 1}};
    AttributeList list;
    encode_template(t, 3, list);
    ASSERT_EQ(list.size(), 3);
    EXPECT_EQ(list[0].ulong_value(), 2048u);
    EXPECT_TRUE(list[1].bool_value());
    EXPECT_EQ(list[2].bytes_value(), "k");

    NativeTemplate native(list);
    ASSERT_EQ(native.size(), 3u);
    EXPECT_EQ(native.data()[0].ulValueLen, sizeof(CK_ULONG));
    EXPECT_EQ(*static_cast<CK_ULONG*>(native.data()[0].pValue), 2048u);
    EXPECT_EQ(*static_cast<CK_BBOOL*>(native.data()[1].pValue), CK_TRUE);
}

TEST(WireAttributes, MisshapenValuesStayBytesForTheModuleToJudge) {
    CK_BYTE three[3] = {1, 2, 3};
    CK_BYTE two = 2;
    v1::Attribute a, b;
    encode_attribute(CKA_CLASS, three, 3, a);
    encode_attribute(CKA_TOKEN, &two, 1, b);
    EXPECT_EQ(a.value_case(), v1::Attribute::kBytesValue);
    EXPECT_EQ(b.value_case(), v1::Attribute::kBytesValue);
    EXPECT_EQ(rv_of([&] { encode_attribute(CKA_LABEL, nullptr, 4, a); }), CKR_ARGUMENTS_BAD);
    EXPECT_EQ(rv_of([&] { encode_attribute(CKA_WRAP_TEMPLATE, three, 3, a); }),
              CKR_ATTRIBUTE_TYPE_INVALID);
}

TEST(WireMechanisms, GcmParametersRoundTrip) {
    CK_BYTE iv[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    CK_BYTE aad[2] = {0xaa, 0xbb};
    CK_GCM_PARAMS p{iv, sizeof iv, 96, aad, sizeof aad, 128};
    CK_MECHANISM m{CKM_AES_GCM, &p, sizeof p};
    v1::Mechanism wire;
    encode_mechanism(&m, wire);
    NativeMechanism native(wire);
    const CK_MECHANISM* back = native.get();
    ASSERT_EQ(back->mechanism, static_cast<CK_MECHANISM_TYPE>(CKM_AES_GCM));
    ASSERT_EQ(back->ulParameterLen, sizeof(CK_GCM_PARAMS));
    const auto* q = static_cast<const CK_GCM_PARAMS*>(back->pParameter);
    ASSERT_EQ(q->ulIvLen, sizeof iv);
    EXPECT_EQ(std::memcmp(q->pIv, iv, sizeof iv), 0);
    EXPECT_EQ(q->ulAADLen, sizeof aad);
    EXPECT_EQ(std::memcmp(q->pAAD, aad, sizeof aad), 0);
    EXPECT_EQ(q->ulTagBits, 128u);
    EXPECT_NE(q->pIv, iv);  // the daemon's own copy, not the client's pointer
}

TEST(WireMechanisms, DaemonRefusesAParameterOfTheWrongShape) {
    v1::Mechanism bytes_for_struct;
    bytes_for_struct.set_type(CKM_RSA_PKCS_OAEP);
    bytes_for_struct.set_bytes_param(std::string(40, 'x'));  // would be read as pointers
    EXPECT_EQ(rv_of([&] { NativeMechanism n(bytes_for_struct); }), CKR_MECHANISM_PARAM_INVALID);

    v1::Mechanism gcm_for_oaep;
    gcm_for_oaep.set_type(CKM_RSA_PKCS_OAEP);
    gcm_for_oaep.mutable_gcm()->set_tag_bits(128);
    EXPECT_EQ(rv_of([&] { NativeMechanism n(gcm_for_oaep); }), CKR_MECHANISM_PARAM_INVALID);

    v1::Mechanism unknown;
    unknown.set_type(CKM_SHA256);
    unknown.set_bytes_param("abc");
    EXPECT_EQ(rv_of([&] { NativeMechanism n(unknown); }), CKR_MECHANISM_PARAM_INVALID);

    v1::Mechanism no_parameter;
    no_parameter.set_type(CKM_SHA256);
    NativeMechanism plain(no_parameter);
    EXPECT_EQ(plain.get()->pParameter, nullptr);
    EXPECT_EQ(plain.get()->ulParameterLen, 0u);
}

TEST(WireMechanisms, ClientRefusesParametersWithoutAnEncoding) {
    CK_BYTE junk[8] = {};
    CK_MECHANISM m{CKM_SHA256, junk, sizeof junk};
    v1::Mechanism wire;
    EXPECT_EQ(rv_of([&] { encode_mechanism(&m, wire); }), CKR_MECHANISM_PARAM_INVALID);
    CK_GCM_PARAMS p{};
    CK_MECHANISM short_struct{CKM_AES_GCM, &p, sizeof p - 1};
    EXPECT_EQ(rv_of([&] { encode_mechanism(&short_struct, wire); }), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(rv_of([&] { encode_mechanism(nullptr, wire); }), CKR_ARGUMENTS_BAD);
}

TEST(WireMechanisms, SignContextParametersRoundTrip) {
    CK_BYTE context[20];
    for (CK_BYTE i = 0; i < sizeof context; ++i) context[i] = i;
    CK_SIGN_ADDITIONAL_CONTEXT p{CKH_DETERMINISTIC_REQUIRED, context, sizeof context};
    CK_MECHANISM m{CKM_ML_DSA, &p, sizeof p};
    v1::Mechanism wire;
    encode_mechanism(&m, wire);
    NativeMechanism native(wire);
    ASSERT_EQ(native.get()->ulParameterLen, sizeof(CK_SIGN_ADDITIONAL_CONTEXT));
    const auto* q = static_cast<const CK_SIGN_ADDITIONAL_CONTEXT*>(native.get()->pParameter);
    EXPECT_EQ(q->hedgeVariant, static_cast<CK_HEDGE_TYPE>(CKH_DETERMINISTIC_REQUIRED));
    ASSERT_EQ(q->ulContextLen, sizeof context);
    EXPECT_EQ(std::memcmp(q->pContext, context, sizeof context), 0);

    CK_HASH_SIGN_ADDITIONAL_CONTEXT h{CKH_HEDGE_REQUIRED, nullptr, 0, CKM_SHA3_256};
    CK_MECHANISM hm{CKM_HASH_SLH_DSA, &h, sizeof h};
    v1::Mechanism hwire;
    encode_mechanism(&hm, hwire);
    NativeMechanism hnative(hwire);
    const auto* hq = static_cast<const CK_HASH_SIGN_ADDITIONAL_CONTEXT*>(hnative.get()->pParameter);
    ASSERT_EQ(hnative.get()->ulParameterLen, sizeof(CK_HASH_SIGN_ADDITIONAL_CONTEXT));
    EXPECT_EQ(hq->hedgeVariant, static_cast<CK_HEDGE_TYPE>(CKH_HEDGE_REQUIRED));
    EXPECT_EQ(hq->pContext, nullptr);
    EXPECT_EQ(hq->ulContextLen, 0u);
    EXPECT_EQ(hq->hash, static_cast<CK_MECHANISM_TYPE>(CKM_SHA3_256));

    // The two forms are not interchangeable: a hash context for the pure mechanism is refused.
    hwire.set_type(CKM_ML_DSA);
    EXPECT_EQ(rv_of([&] { NativeMechanism n(hwire); }), CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM wrong_size{CKM_HASH_ML_DSA, &p, sizeof p};
    EXPECT_EQ(rv_of([&] { encode_mechanism(&wrong_size, wire); }), CKR_MECHANISM_PARAM_INVALID);
}

TEST(WireMessageParameters, IvAndTagWrittenByTheModuleComeBackIntoTheCallersBuffers) {
    CK_BYTE iv[16] = {0xaa, 0xaa, 0xaa, 0xaa};
    CK_BYTE tag[16] = {};
    CK_GCM_MESSAGE_PARAMS p{iv, sizeof iv, 32, CKG_GENERATE_RANDOM, tag, 128};
    v1::MessageParameter wire;
    encode_message_parameter(&p, sizeof p, wire);
    ASSERT_TRUE(wire.has_gcm());

    // Daemon side: the module writes into the daemon's copies, never the client's pointers.
    NativeMessageParameter native(wire);
    ASSERT_EQ(native.size(), sizeof(CK_GCM_MESSAGE_PARAMS));
    auto* q = static_cast<CK_GCM_MESSAGE_PARAMS*>(native.data());
    EXPECT_NE(q->pIv, iv);
    ASSERT_EQ(q->ulIvLen, sizeof iv);
    EXPECT_EQ(q->ulIvFixedBits, 32u);
    EXPECT_EQ(q->ivGenerator, static_cast<CK_GENERATOR_FUNCTION>(CKG_GENERATE_RANDOM));
    EXPECT_EQ(q->ulTagBits, 128u);
    std::memset(q->pIv + 4, 0x11, 12);
    std::memset(q->pTag, 0x22, 16);
    v1::MessageParameter answer;
    native.answer(answer);

    write_back_message_parameter(answer, &p, sizeof p);
    EXPECT_EQ(iv[0], 0xaa);
    EXPECT_EQ(iv[4], 0x11);
    EXPECT_EQ(iv[15], 0x11);
    EXPECT_EQ(tag[0], 0x22);
    EXPECT_EQ(tag[15], 0x22);

    // An answer whose sizes differ from the caller's buffers is ignored, not copied.
    answer.mutable_gcm()->set_iv(std::string(40, 'x'));
    answer.mutable_gcm()->set_tag(std::string(40, 'y'));
    write_back_message_parameter(answer, &p, sizeof p);
    EXPECT_EQ(iv[4], 0x11);
    EXPECT_EQ(tag[0], 0x22);
}

TEST(WireMessageParameters, NullAndUnknownParameters) {
    v1::MessageParameter none;
    encode_message_parameter(nullptr, 0, none);
    EXPECT_EQ(none.value_case(), v1::MessageParameter::VALUE_NOT_SET);
    NativeMessageParameter native(none);
    EXPECT_EQ(native.data(), nullptr);
    EXPECT_EQ(native.size(), 0u);

    CK_BYTE junk[4] = {};
    v1::MessageParameter unknown;
    encode_message_parameter(junk, sizeof junk, unknown);
    EXPECT_TRUE(unknown.unsupported());
    EXPECT_EQ(rv_of([&] { NativeMessageParameter n(unknown); }), CKR_MECHANISM_PARAM_INVALID);

    // NULL IV and tag pointers stay NULL, so the module refuses them as it would locally.
    CK_GCM_MESSAGE_PARAMS p{nullptr, 12, 0, CKG_NO_GENERATE, nullptr, 128};
    v1::MessageParameter wire;
    encode_message_parameter(&p, sizeof p, wire);
    NativeMessageParameter n(wire);
    const auto* q = static_cast<const CK_GCM_MESSAGE_PARAMS*>(n.data());
    EXPECT_EQ(q->pIv, nullptr);
    EXPECT_EQ(q->pTag, nullptr);
}

}  // namespace
}  // namespace craton::wire
