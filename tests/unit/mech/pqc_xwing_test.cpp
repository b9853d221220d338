// The X25519 + ML-KEM-768 hybrid (X-Wing) through PKCS#11 3.2 as the vendor mechanism
// CKM_CRATON_X25519_ML_KEM_768: key generation, encapsulation and decapsulation, key import
// checked against the draft's first published test vector, and the legacy vendor number.
#include <gtest/gtest.h>

#include "support/vector_file.h"
#include "unit/mech/pqc_p11_util.h"

namespace craton::test::pqc {
namespace {

// draft-connolly-cfrg-xwing-kem test vector 1 (spec/test-vectors.txt, as the src/pqc X-Wing
// tests use it): decapsulation key, encapsulation key, ciphertext and shared secret.
const char* kSk = "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26";
const char* kPk =
    "e2236b35a8c24b39b10aa1323a96a919a2ced88400633a7b07131713fc14b2b5b19cfc3da5fa1a92c49f2551"
    "3e0fd30d6b1611c9ab9635d7086727a4b7d21d34244e66969cf15b3b2a785329f61b096b277ea037383479a6"
    "b556de7231fe4b7fa9c9ac24c0699a0018a5253401bacfa905ca816573e56a2d2e067e9b7287533ba13a937d"
    "edb31fa44baced40769923610034ae31e619a170245199b3c5c39864859fe1b4c9717a07c30495bdfb98a0a0"
    "02ccf56c1286cef5041dede3c44cf16bf562c7448518026b3d8b9940680abd38a1575fd27b58da063bfac32c"
    "39c30869374c05c1aeb1898b6b303cc68be455346ee0af699636224a148ca2aea10463111c709f69b69c70ce"
    "8538746698c4c60a9aef0030c7924ceec42a5d36816f545eae13293460b3acb37ea0e13d70e4aa78686da398"
    "a8397c08eaf96882113fe4f7bad4da40b0501e1c753efe73053c87014e8661c33099afe8bede414a5b1aa27d"
    "8392b3e131e9a70c1055878240cad0f40d5fe3cdf85236ead97e2a97448363b2808caafd516cd25052c5c362"
    "543c2517e4acd0e60ec07163009b6425fc32277acee71c24bab53ed9f29e74c66a0a3564955998d76b96a9a8"
    "b50d1635a4d7a67eb42df5644d330457293a8042f53cc7a69288f17ed55827e82b28e82665a86a14fbd96645"
    "eca8172c044f83bc0d8c0b4c8626985631ca87af829068f1358963cb333664ca482763ba3b3bb208577f9ba6"
    "ac62c25f76592743b64be519317714cb4102cb7b2f9a25b2b4f0615de31decd9ca55026d6da0b65111b16fe5"
    "2feed8a487e144462a6dba93728f500b6ffc49e515569ef25fed17aff520507368253525860f58be3be61c96"
    "4604a6ac814e6935596402a520a4670b3d284318866593d15a4bb01c35e3e587ee0c67d2880d6f2407fb7a70"
    "712b838deb96c5d7bf2b44bcf6038ccbe33fbcf51a54a584fe90083c91c7a6d43d4fb15f48c60c2fd66e0a8a"
    "ad4ad64e5c42bb8877c0ebec2b5e387c8a988fdc23beb9e16c8757781e0a1499c61e138c21f216c29d076979"
    "871caa6942bafc090544bee99b54b16cb9a9a364d6246d9f42cce53c66b59c45c8f9ae9299a75d15180c3c95"
    "2151a91b7a10772429dc4cbae6fcc622fa8018c63439f890630b9928db6bb7f9438ae4065ed34d73d486f3f5"
    "2f90f0807dc88dfdd8c728e954f1ac35c06c000ce41a0582580e3bb57b672972890ac5e7988e7850657116f1"
    "b57d0809aaedec0bede1ae148148311c6f7e317346e5189fb8cd635b986f8c0bdd27641c584b778b3a911a80"
    "be1c9692ab8e1bbb12839573cce19df183b45835bbb55052f9fc66a1678ef2a36dea78411e6c8d60501b4e60"
    "592d13698a943b509185db912e2ea10be06171236b327c71716094c964a68b03377f513a05bcd99c1f346583"
    "bb052977a10a12adfc758034e5617da4c1276585e5774e1f3b9978b09d0e9c44d3bc86151c43aad185712717"
    "340223ac381d21150a04294e97bb13bbda21b5a182b6da969e19a7fd072737fa8e880a53c2428e3d049b7d21"
    "97405296ddb361912a7bcf4827ced611d0c7a7da104dde4322095339f64a61d5bb108ff0bf4d780cae509fb2"
    "2c256914193ff7349042581237d522828824ee3bdfd07fb03f1f942d2ea179fe722f06cc03de5b69859edb06"
    "eff389b27dce59844570216223593d4ba32d9abac8cd049040ef6534";
const char* kCt =
    "b83aa828d4d62b9a83ceffe1d3d3bb1ef31264643c070c5798927e41fb07914a273f8f96e7826cd5375a283d"
    "7da885304c5de0516a0f0654243dc5b97f8bfeb831f68251219aabdd723bc6512041acbaef8af44265524942"
    "b902e68ffd23221cda70b1b55d776a92d1143ea3a0c475f63ee6890157c7116dae3f62bf72f60acd2bb8cc31"
    "ce2ba0de364f52b8ed38c79d719715963a5dd3842d8e8b43ab704e4759b5327bf027c63c8fa857c4908d5a8a"
    "7b88ac7f2be394d93c3706ddd4e698cc6ce370101f4d0213254238b4a2e8821b6e414a1cf20f6c1244b69904"
    "6f5a01caa0a1a55516300b40d2048c77cc73afba79afeea9d2c0118bdf2adb8870dc328c5516cc45b1a20581"
    "41039e2c90a110a9e16b318dfb53bd49a126d6b73f215787517b8917cc01cabd107d06859854ee8b4f9861c2"
    "26d3764c87339ab16c3667d2f49384e55456dd40414b70a6af841585f4c90c68725d57704ee8ee7ce6e2f9be"
    "582dbee985e038ffc346ebfb4e22158b6c84374a9ab4a44e1f91de5aac5197f89bc5e5442f51f9a5937b102b"
    "a3beaebf6e1c58380a4a5fedce4a4e5026f88f528f59ffd2db41752b3a3d90efabe463899b7d40870c530c88"
    "41e8712b733668ed033adbfafb2d49d37a44d4064e5863eb0af0a08d47b3cc888373bc05f7a33b841bc2587c"
    "57eb69554e8a3767b7506917b6b70498727f16eac1a36ec8d8cfaf751549f2277db277e8a55a9a5106b23a02"
    "06b4721fa9b3048552c5bd5b594d6e247f38c18c591aea7f56249c72ce7b117afcc3a8621582f9cf71787e18"
    "3dee09367976e98409ad9217a497df888042384d7707a6b78f5f7fb8409e3b535175373461b776002d799cba"
    "d62860be70573ecbe13b246e0da7e93a52168e0fb6a9756b895ef7f0147a0dc81bfa644b088a9228160c0f9a"
    "cf1379a2941cd28c06ebc80e44e17aa2f8177010afd78a97ce0868d1629ebb294c5151812c583daeb8868522"
    "0f4da9118112e07041fcc24d5564a99fdbde28869fe0722387d7a9a4d16e1cc8555917e09944aa5ebaaaec2c"
    "f62693afad42a3f518fce67d273cc6c9fb5472b380e8573ec7de06a3ba2fd5f931d725b493026cb0acbd3fe6"
    "2d00e4c790d965d7a03a3c0b4222ba8c2a9a16e2ac658f572ae0e746eafc4feba023576f08942278a041fb82"
    "a70a595d5bacbf297ce2029898a71e5c3b0d1c6228b485b1ade509b35fbca7eca97b2132e7cb6bc465375146"
    "b7dceac969308ac0c2ac89e7863eb8943015b24314cafb9c7c0e85fe543d56658c213632599efabfc1ec49dd"
    "8c88547bb2cc40c9d38cbd3099b4547840560531d0188cd1e9c23a0ebee0a03d5577d66b1d2bcb4baaf21cc7"
    "fef1e03806ca96299df0dfbc56e1b2b43e4fc20c37f834c4af62127e7dae86c3c25a2f696ac8b589dec71d59"
    "5bfbe94b5ed4bc07d800b330796fda89edb77be0294136139354eb8cd37591578f9c600dd9be8ec6219fdd50"
    "7adf3397ed4d68707b8d13b24ce4cd8fb22851bfe9d632407f31ed6f7cb1600de56f17576740ce2a32fc5145"
    "030145cfb97e63e0e41d354274a079d3e6fb2e15";
const char* kSs = "d2df0522128f09dd8e2c92b1e905c793d8f57a54c3da25861f10bf4ca613e384";

class XWingP11 : public ::testing::Test {
  protected:
    P11Session p11;
};

TEST_F(XWingP11, GenerateEncapsulateDecapsulate) {
    const KeyPair kp = generate(p11, CKM_CRATON_X25519_ML_KEM_768_KEY_PAIR_GEN, 0);
    EXPECT_EQ(ulong_attribute(p11, kp.pub, CKA_KEY_TYPE), CKK_CRATON_X25519_ML_KEM_768);
    EXPECT_EQ(p11.attribute(kp.pub, CKA_VALUE).size(), 1216u);
    EXPECT_TRUE(bool_attribute(p11, kp.pub, CKA_ENCAPSULATE));
    EXPECT_TRUE(bool_attribute(p11, kp.priv, CKA_DECAPSULATE));
    EXPECT_EQ(attribute_rv(p11, kp.priv, CKA_VALUE), CKR_ATTRIBUTE_SENSITIVE);

    for (CK_MECHANISM_TYPE mech :
         {CKM_CRATON_X25519_ML_KEM_768, CKM_CRATON_LEGACY_X25519_ML_KEM_768}) {
        Bytes ct;
        CK_OBJECT_HANDLE sender, receiver, k16;
        ASSERT_EQ(encapsulate(p11, mech, kp.pub, readable_secret(), ct, sender), CKR_OK);
        EXPECT_EQ(ct.size(), 1120u);
        ASSERT_EQ(decapsulate(p11, mech, kp.priv, readable_secret(), ct, receiver), CKR_OK);
        const Bytes k = p11.attribute(sender, CKA_VALUE);
        EXPECT_EQ(k.size(), 32u);
        EXPECT_EQ(p11.attribute(receiver, CKA_VALUE), k);
        AttrBuilder short_key = readable_secret();
        short_key.add_ulong(CKA_VALUE_LEN, 16);
        ASSERT_EQ(decapsulate(p11, mech, kp.priv, short_key, ct, k16), CKR_OK);
        EXPECT_EQ(p11.attribute(k16, CKA_VALUE), Bytes(k.begin(), k.begin() + 16));
    }
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(
        decapsulate(p11, CKM_CRATON_X25519_ML_KEM_768, kp.priv, readable_secret(), Bytes(1119), h),
        CKR_ENCRYPTED_DATA_LEN_RANGE);
    // X-Wing keys do not work with plain ML-KEM, nor ML-KEM keys with X-Wing.
    Bytes ct;
    EXPECT_EQ(encapsulate(p11, CKM_ML_KEM, kp.pub, readable_secret(), ct, h),
              CKR_KEY_TYPE_INCONSISTENT);
    const KeyPair kem = generate(p11, CKM_ML_KEM_KEY_PAIR_GEN, CKP_ML_KEM_768);
    EXPECT_EQ(encapsulate(p11, CKM_CRATON_X25519_ML_KEM_768, kem.pub, readable_secret(), ct, h),
              CKR_KEY_TYPE_INCONSISTENT);
}

TEST_F(XWingP11, ImportedKeyDecapsulatesThePublishedVector) {
    CK_OBJECT_HANDLE priv, pub, key;
    ASSERT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, from_hex(kSk)}}, priv),
              CKR_OK);
    ASSERT_EQ(
        decapsulate(p11, CKM_CRATON_X25519_ML_KEM_768, priv, readable_secret(), from_hex(kCt), key),
        CKR_OK);
    EXPECT_EQ(to_hex(p11.attribute(key, CKA_VALUE)), to_hex(from_hex(kSs)));
    // The published public key imports and encapsulates to the imported private key.
    ASSERT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, from_hex(kPk)}}, pub),
              CKR_OK);
    Bytes ct;
    CK_OBJECT_HANDLE sender, receiver;
    ASSERT_EQ(encapsulate(p11, CKM_CRATON_X25519_ML_KEM_768, pub, readable_secret(), ct, sender),
              CKR_OK);
    ASSERT_EQ(decapsulate(p11, CKM_CRATON_X25519_ML_KEM_768, priv, readable_secret(), ct, receiver),
              CKR_OK);
    EXPECT_EQ(p11.attribute(sender, CKA_VALUE), p11.attribute(receiver, CKA_VALUE));

    // Bad imports: lengths, an ML-KEM part failing FIPS 203 §7.2, a low-order X25519 point,
    // a parameter set (X-Wing has none).
    Bytes pk = from_hex(kPk);
    CK_OBJECT_HANDLE h;
    EXPECT_EQ(import_key(p11, CKO_PRIVATE_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, Bytes(31)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, Bytes(pk.begin(), pk.end() - 1)}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes unreduced = pk;
    unreduced[0] = 0xFF;
    unreduced[1] |= 0x0F;
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, unreduced}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    Bytes low_order = pk;
    low_order.resize(pk.size() - 32);
    low_order.resize(pk.size(), 0);  // X25519 u = 0 has order 1
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_CRATON_X25519_ML_KEM_768, 0,
                         {{CKA_VALUE, low_order}}, h),
              CKR_ATTRIBUTE_VALUE_INVALID);
    EXPECT_EQ(import_key(p11, CKO_PUBLIC_KEY, CKK_CRATON_X25519_ML_KEM_768, CKP_ML_KEM_768,
                         {{CKA_VALUE, pk}}, h),
              CKR_ATTRIBUTE_TYPE_INVALID);
}

}  // namespace
}  // namespace craton::test::pqc
