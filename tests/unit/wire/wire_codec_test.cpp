// The portable encodings of src/wire: values keep their types across the wire, parameter
// structures survive a round trip, and the daemon side refuses a parameter whose shape is not
// the mechanism's (the guard against client bytes being read as a structure of pointers).
#include <cstring>
#include <functional>

#include <gtest/gtest.h>

#include "core/error.h"
#include "wire/attribute_codec.h"
#include "wire/mechanism_codec.h"

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

}  // namespace
}  // namespace craton::wire
