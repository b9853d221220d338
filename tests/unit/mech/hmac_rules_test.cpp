// HMAC and generic-secret key generation through the ABI: results equal OpenSSL's HMAC for
// every hash, multi-part equals single-part, and the PKCS#11 rules (parameters, key types,
// usage attributes, buffer protocol, signature lengths) give the specification's codes.
#include <atomic>
#include <cstring>
#include <iterator>
#include <optional>
#include <thread>

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "support/p11_module.h"
#include "support/vector_file.h"

namespace craton::test {
namespace {

struct Hash {
    CK_MECHANISM_TYPE hmac, general, key_gen;
    CK_KEY_TYPE key_type;
    const char* evp;
    std::size_t size;
};

const Hash kHashes[] = {
    {CKM_SHA_1_HMAC, CKM_SHA_1_HMAC_GENERAL, CKM_SHA_1_KEY_GEN, CKK_SHA_1_HMAC, "SHA1", 20},
    {CKM_SHA224_HMAC, CKM_SHA224_HMAC_GENERAL, CKM_SHA224_KEY_GEN, CKK_SHA224_HMAC, "SHA224", 28},
    {CKM_SHA256_HMAC, CKM_SHA256_HMAC_GENERAL, CKM_SHA256_KEY_GEN, CKK_SHA256_HMAC, "SHA256", 32},
    {CKM_SHA384_HMAC, CKM_SHA384_HMAC_GENERAL, CKM_SHA384_KEY_GEN, CKK_SHA384_HMAC, "SHA384", 48},
    {CKM_SHA512_HMAC, CKM_SHA512_HMAC_GENERAL, CKM_SHA512_KEY_GEN, CKK_SHA512_HMAC, "SHA512", 64},
    {CKM_SHA512_224_HMAC, CKM_SHA512_224_HMAC_GENERAL, CKM_SHA512_224_KEY_GEN, CKK_SHA512_224_HMAC,
     "SHA512-224", 28},
    {CKM_SHA512_256_HMAC, CKM_SHA512_256_HMAC_GENERAL, CKM_SHA512_256_KEY_GEN, CKK_SHA512_256_HMAC,
     "SHA512-256", 32},
    {CKM_SHA3_224_HMAC, CKM_SHA3_224_HMAC_GENERAL, CKM_SHA3_224_KEY_GEN, CKK_SHA3_224_HMAC,
     "SHA3-224", 28},
    {CKM_SHA3_256_HMAC, CKM_SHA3_256_HMAC_GENERAL, CKM_SHA3_256_KEY_GEN, CKK_SHA3_256_HMAC,
     "SHA3-256", 32},
    {CKM_SHA3_384_HMAC, CKM_SHA3_384_HMAC_GENERAL, CKM_SHA3_384_KEY_GEN, CKK_SHA3_384_HMAC,
     "SHA3-384", 48},
    {CKM_SHA3_512_HMAC, CKM_SHA3_512_HMAC_GENERAL, CKM_SHA3_512_KEY_GEN, CKK_SHA3_512_HMAC,
     "SHA3-512", 64},
};

Bytes pattern(std::size_t n, std::uint8_t seed) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + 31 * i);
    return b;
}

Bytes openssl_hmac(const char* md, const Bytes& key, const Bytes& msg) {
    Bytes out(EVP_MAX_MD_SIZE);
    unsigned int n = 0;
    HMAC(EVP_get_digestbyname(md), key.data(), static_cast<int>(key.size()), msg.data(), msg.size(),
         out.data(), &n);
    out.resize(n);
    return out;
}

class HmacRules : public ::testing::Test {
  protected:
    CK_FUNCTION_LIST_3_0* f() { return p11.fn(); }
    CK_SESSION_HANDLE s() { return p11.session(); }

    Bytes sign(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& msg) {
        EXPECT_EQ(f()->C_SignInit(s(), &mech, key), CKR_OK);
        Bytes out(64);
        CK_ULONG n = out.size();
        EXPECT_EQ(
            f()->C_Sign(s(), const_cast<std::uint8_t*>(msg.data()), msg.size(), out.data(), &n),
            CKR_OK);
        out.resize(n);
        return out;
    }
    CK_RV verify(CK_MECHANISM mech, CK_OBJECT_HANDLE key, const Bytes& msg, Bytes mac) {
        const CK_RV rv = f()->C_VerifyInit(s(), &mech, key);
        if (rv != CKR_OK) return rv;
        return f()->C_Verify(s(), const_cast<std::uint8_t*>(msg.data()), msg.size(), mac.data(),
                             mac.size());
    }
    CK_OBJECT_HANDLE key_with(CK_KEY_TYPE type, const Bytes& value, bool sign, bool verify) {
        AttrBuilder b;
        b.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
            .add_ulong(CKA_KEY_TYPE, type)
            .add(CKA_VALUE, value)
            .add_bool(CKA_SIGN, sign)
            .add_bool(CKA_VERIFY, verify);
        return p11.create(b.build());
    }

    P11Session p11;
    const Bytes key_ = pattern(40, 7);
    const Bytes msg_ = pattern(1000, 3);
};

TEST_F(HmacRules, EveryHashMatchesOpenSsl) {
    const CK_OBJECT_HANDLE generic = p11.secret_key(CKK_GENERIC_SECRET, key_);
    for (const auto& h : kHashes) {
        const Bytes want = openssl_hmac(h.evp, key_, msg_);
        ASSERT_EQ(want.size(), h.size);
        // The same generic key serves every hash; each has its own prepared context.
        EXPECT_EQ(to_hex(sign({h.hmac, nullptr, 0}, generic, msg_)), to_hex(want)) << h.evp;
        const CK_OBJECT_HANDLE typed = p11.secret_key(h.key_type, key_);
        EXPECT_EQ(to_hex(sign({h.hmac, nullptr, 0}, typed, msg_)), to_hex(want)) << h.evp;
        EXPECT_EQ(verify({h.hmac, nullptr, 0}, typed, msg_, want), CKR_OK) << h.evp;

        CK_MAC_GENERAL_PARAMS len = h.size / 2;
        const Bytes truncated = sign({h.general, &len, sizeof len}, typed, msg_);
        EXPECT_EQ(to_hex(truncated), to_hex(Bytes(want.begin(), want.begin() + len))) << h.evp;
        EXPECT_EQ(verify({h.general, &len, sizeof len}, typed, msg_, truncated), CKR_OK);
    }
}

TEST_F(HmacRules, EmptyMessageAndLongKey) {
    const Bytes long_key = pattern(512, 1);  // longer than every block: HMAC hashes it first
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, long_key);
    EXPECT_EQ(to_hex(sign({CKM_SHA256_HMAC, nullptr, 0}, k, {})),
              to_hex(openssl_hmac("SHA256", long_key, {})));
}

TEST_F(HmacRules, MultiPartEqualsSinglePart) {
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    CK_MECHANISM mech{CKM_SHA384_HMAC, nullptr, 0};
    const Bytes single = sign(mech, k, msg_);
    ASSERT_EQ(f()->C_SignInit(s(), &mech, k), CKR_OK);
    Bytes data = msg_;
    const std::size_t cuts[] = {0, 1, 129, 500, data.size()};
    for (std::size_t i = 0; i + 1 < std::size(cuts); ++i) {
        ASSERT_EQ(f()->C_SignUpdate(s(), data.data() + cuts[i], cuts[i + 1] - cuts[i]), CKR_OK);
    }
    Bytes multi(48);
    CK_ULONG n = multi.size();
    ASSERT_EQ(f()->C_SignFinal(s(), multi.data(), &n), CKR_OK);
    EXPECT_EQ(to_hex(multi), to_hex(single));

    ASSERT_EQ(f()->C_VerifyInit(s(), &mech, k), CKR_OK);
    ASSERT_EQ(f()->C_VerifyUpdate(s(), data.data(), 10), CKR_OK);
    ASSERT_EQ(f()->C_VerifyUpdate(s(), data.data() + 10, data.size() - 10), CKR_OK);
    EXPECT_EQ(f()->C_VerifyFinal(s(), multi.data(), multi.size()), CKR_OK);
}

TEST_F(HmacRules, LengthQueryAndShortBufferKeepTheOperation) {
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    CK_MECHANISM mech{CKM_SHA256_HMAC, nullptr, 0};
    Bytes msg = msg_;
    ASSERT_EQ(f()->C_SignInit(s(), &mech, k), CKR_OK);
    CK_ULONG n = 0;
    ASSERT_EQ(f()->C_Sign(s(), msg.data(), msg.size(), nullptr, &n), CKR_OK);
    EXPECT_EQ(n, 32u);
    Bytes out(32);
    n = 31;
    ASSERT_EQ(f()->C_Sign(s(), msg.data(), msg.size(), out.data(), &n), CKR_BUFFER_TOO_SMALL);
    EXPECT_EQ(n, 32u);
    ASSERT_EQ(f()->C_Sign(s(), msg.data(), msg.size(), out.data(), &n), CKR_OK);
    EXPECT_EQ(to_hex(out), to_hex(openssl_hmac("SHA256", key_, msg_)));
    // The operation is finished now.
    EXPECT_EQ(f()->C_Sign(s(), msg.data(), msg.size(), out.data(), &n),
              CKR_OPERATION_NOT_INITIALIZED);

    CK_MAC_GENERAL_PARAMS len = 12;
    CK_MECHANISM general{CKM_SHA256_HMAC_GENERAL, &len, sizeof len};
    ASSERT_EQ(f()->C_SignInit(s(), &general, k), CKR_OK);
    ASSERT_EQ(f()->C_SignUpdate(s(), msg.data(), msg.size()), CKR_OK);
    n = 0;
    ASSERT_EQ(f()->C_SignFinal(s(), nullptr, &n), CKR_OK);
    EXPECT_EQ(n, 12u);
    n = 11;
    ASSERT_EQ(f()->C_SignFinal(s(), out.data(), &n), CKR_BUFFER_TOO_SMALL);
    n = 12;
    ASSERT_EQ(f()->C_SignFinal(s(), out.data(), &n), CKR_OK);
    out.resize(12);
    EXPECT_EQ(to_hex(out), to_hex(openssl_hmac("SHA256", key_, msg_)).substr(0, 24));
}

TEST_F(HmacRules, VerifyRefusesWrongLengthAndWrongMac) {
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    CK_MECHANISM mech{CKM_SHA256_HMAC, nullptr, 0};
    Bytes mac = openssl_hmac("SHA256", key_, msg_);
    EXPECT_EQ(verify(mech, k, msg_, mac), CKR_OK);
    EXPECT_EQ(verify(mech, k, msg_, Bytes(mac.begin(), mac.end() - 1)), CKR_SIGNATURE_LEN_RANGE);
    Bytes longer = mac;
    longer.push_back(0);
    EXPECT_EQ(verify(mech, k, msg_, longer), CKR_SIGNATURE_LEN_RANGE);
    for (std::size_t i : {std::size_t{0}, std::size_t{17}, std::size_t{31}}) {
        Bytes bad = mac;
        bad[i] ^= 0x01;
        EXPECT_EQ(verify(mech, k, msg_, bad), CKR_SIGNATURE_INVALID) << i;
    }
    // A full MAC is not accepted by a _GENERAL verification of a shorter length.
    CK_MAC_GENERAL_PARAMS len = 16;
    EXPECT_EQ(verify({CKM_SHA256_HMAC_GENERAL, &len, sizeof len}, k, msg_, mac),
              CKR_SIGNATURE_LEN_RANGE);
    EXPECT_EQ(verify({CKM_SHA256_HMAC_GENERAL, &len, sizeof len}, k, msg_,
                     Bytes(mac.begin(), mac.begin() + 16)),
              CKR_OK);
}

TEST_F(HmacRules, MechanismParameters) {
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    CK_ULONG junk = 32;
    CK_MECHANISM with_param{CKM_SHA256_HMAC, &junk, sizeof junk};
    EXPECT_EQ(f()->C_SignInit(s(), &with_param, k), CKR_MECHANISM_PARAM_INVALID);
    EXPECT_EQ(f()->C_VerifyInit(s(), &with_param, k), CKR_MECHANISM_PARAM_INVALID);
    for (CK_MAC_GENERAL_PARAMS len : {0ul, 3ul, 33ul, 1000ul}) {
        CK_MECHANISM m{CKM_SHA256_HMAC_GENERAL, &len, sizeof len};
        EXPECT_EQ(f()->C_SignInit(s(), &m, k), CKR_MECHANISM_PARAM_INVALID) << len;
    }
    CK_MAC_GENERAL_PARAMS ok = 4;
    CK_MECHANISM short_param{CKM_SHA256_HMAC_GENERAL, &ok, sizeof ok - 1};
    EXPECT_EQ(f()->C_SignInit(s(), &short_param, k), CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM no_param{CKM_SHA256_HMAC_GENERAL, nullptr, 0};
    EXPECT_EQ(f()->C_SignInit(s(), &no_param, k), CKR_MECHANISM_PARAM_INVALID);
    CK_MECHANISM four{CKM_SHA256_HMAC_GENERAL, &ok, sizeof ok};
    EXPECT_EQ(f()->C_SignInit(s(), &four, k), CKR_OK);
}

TEST_F(HmacRules, KeyTypesAndUsage) {
    CK_MECHANISM mech{CKM_SHA256_HMAC, nullptr, 0};
    // An HMAC key bound to another hash, and a key of another family, are refused.
    const CK_OBJECT_HANDLE sha384_key = p11.secret_key(CKK_SHA384_HMAC, key_);
    EXPECT_EQ(f()->C_SignInit(s(), &mech, sha384_key), CKR_KEY_TYPE_INCONSISTENT);
    const CK_OBJECT_HANDLE aes = p11.secret_key(CKK_AES, pattern(32, 9));
    EXPECT_EQ(f()->C_SignInit(s(), &mech, aes), CKR_KEY_TYPE_INCONSISTENT);
    const CK_OBJECT_HANDLE hkdf = p11.secret_key(CKK_HKDF, key_);
    EXPECT_EQ(f()->C_SignInit(s(), &mech, hkdf), CKR_KEY_TYPE_INCONSISTENT);

    const CK_OBJECT_HANDLE no_sign = key_with(CKK_GENERIC_SECRET, key_, false, true);
    EXPECT_EQ(f()->C_SignInit(s(), &mech, no_sign), CKR_KEY_FUNCTION_NOT_PERMITTED);
    EXPECT_EQ(verify(mech, no_sign, msg_, openssl_hmac("SHA256", key_, msg_)), CKR_OK);
    const CK_OBJECT_HANDLE no_verify = key_with(CKK_GENERIC_SECRET, key_, true, false);
    EXPECT_EQ(f()->C_VerifyInit(s(), &mech, no_verify), CKR_KEY_FUNCTION_NOT_PERMITTED);

    // Keys longer than the mechanism's maximum are refused when the operation starts.
    const CK_OBJECT_HANDLE huge = p11.secret_key(CKK_GENERIC_SECRET, pattern(513, 2));
    EXPECT_EQ(f()->C_SignInit(s(), &mech, huge), CKR_KEY_SIZE_RANGE);
}

TEST_F(HmacRules, Sha1HmacIsNotASha1Signature) {
    // SHA-1 signing is refused by default; HMAC-SHA-1 is a MAC and stays available.
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    EXPECT_EQ(to_hex(sign({CKM_SHA_1_HMAC, nullptr, 0}, k, msg_)),
              to_hex(openssl_hmac("SHA1", key_, msg_)));
}

TEST_F(HmacRules, MechanismInfo) {
    CK_MECHANISM_INFO info{};
    ASSERT_EQ(f()->C_GetMechanismInfo(0, CKM_SHA256_HMAC, &info), CKR_OK);
    EXPECT_EQ(info.flags & (CKF_SIGN | CKF_VERIFY), CKF_SIGN | CKF_VERIFY);
    EXPECT_EQ(info.ulMinKeySize, 1u);
    EXPECT_EQ(info.ulMaxKeySize, 512u);
    ASSERT_EQ(f()->C_GetMechanismInfo(0, CKM_SHA3_512_HMAC_GENERAL, &info), CKR_OK);
    ASSERT_EQ(f()->C_GetMechanismInfo(0, CKM_GENERIC_SECRET_KEY_GEN, &info), CKR_OK);
    EXPECT_EQ(info.flags & CKF_GENERATE, CKF_GENERATE);
    EXPECT_EQ(info.ulMinKeySize, 8u);  // bits for key generation
    EXPECT_EQ(info.ulMaxKeySize, 4096u);
}

TEST_F(HmacRules, GenerateKeys) {
    auto generate = [&](CK_MECHANISM_TYPE type, std::optional<CK_ULONG> len, CK_RV& rv) {
        AttrBuilder b;
        b.add_bool(CKA_SIGN, true)
            .add_bool(CKA_VERIFY, true)
            .add_bool(CKA_SENSITIVE, false)
            .add_bool(CKA_EXTRACTABLE, true);
        if (len) b.add_ulong(CKA_VALUE_LEN, *len);
        auto attrs = b.build();
        CK_MECHANISM m{type, nullptr, 0};
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        rv = f()->C_GenerateKey(s(), &m, attrs.data(), attrs.size(), &h);
        return h;
    };
    CK_RV rv = CKR_OK;
    const CK_OBJECT_HANDLE a = generate(CKM_GENERIC_SECRET_KEY_GEN, 32, rv);
    ASSERT_EQ(rv, CKR_OK);
    const CK_OBJECT_HANDLE b = generate(CKM_GENERIC_SECRET_KEY_GEN, 32, rv);
    ASSERT_EQ(rv, CKR_OK);
    const Bytes va = p11.attribute(a, CKA_VALUE), vb = p11.attribute(b, CKA_VALUE);
    ASSERT_EQ(va.size(), 32u);
    EXPECT_NE(va, vb);
    Bytes kt = p11.attribute(a, CKA_KEY_TYPE), local = p11.attribute(a, CKA_LOCAL);
    CK_KEY_TYPE key_type = 0;
    std::memcpy(&key_type, kt.data(), sizeof key_type);
    EXPECT_EQ(key_type, CKK_GENERIC_SECRET);
    EXPECT_EQ(local, Bytes{CK_TRUE});
    // The generated key MACs like OpenSSL with its value.
    EXPECT_EQ(to_hex(sign({CKM_SHA512_HMAC, nullptr, 0}, a, msg_)),
              to_hex(openssl_hmac("SHA512", va, msg_)));

    for (const auto& h : kHashes) {
        const CK_OBJECT_HANDLE k = generate(h.key_gen, 64, rv);
        ASSERT_EQ(rv, CKR_OK) << h.evp;
        kt = p11.attribute(k, CKA_KEY_TYPE);
        std::memcpy(&key_type, kt.data(), sizeof key_type);
        EXPECT_EQ(key_type, h.key_type) << h.evp;
        EXPECT_EQ(to_hex(sign({h.hmac, nullptr, 0}, k, msg_)),
                  to_hex(openssl_hmac(h.evp, p11.attribute(k, CKA_VALUE), msg_)));
    }

    generate(CKM_GENERIC_SECRET_KEY_GEN, 0, rv);
    EXPECT_EQ(rv, CKR_KEY_SIZE_RANGE);
    generate(CKM_GENERIC_SECRET_KEY_GEN, 513, rv);
    EXPECT_EQ(rv, CKR_KEY_SIZE_RANGE);
    generate(CKM_GENERIC_SECRET_KEY_GEN, 1, rv);
    EXPECT_EQ(rv, CKR_OK);
    generate(CKM_GENERIC_SECRET_KEY_GEN, 512, rv);
    EXPECT_EQ(rv, CKR_OK);
    generate(CKM_GENERIC_SECRET_KEY_GEN, std::nullopt, rv);
    EXPECT_EQ(rv, CKR_TEMPLATE_INCOMPLETE);
}

TEST_F(HmacRules, ConcurrentSessionsShareOnePreparedKey) {
    const CK_OBJECT_HANDLE k = p11.secret_key(CKK_GENERIC_SECRET, key_);
    const Bytes want = openssl_hmac("SHA256", key_, msg_);
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            CK_SESSION_HANDLE sess = CK_INVALID_HANDLE;
            if (f()->C_OpenSession(0, CKF_SERIAL_SESSION, nullptr, nullptr, &sess) != CKR_OK)
                return;
            CK_MECHANISM mech{CKM_SHA256_HMAC, nullptr, 0};
            Bytes msg = msg_;
            for (int i = 0; i < 200; ++i) {
                Bytes out(32);
                CK_ULONG n = out.size();
                if (f()->C_SignInit(sess, &mech, k) != CKR_OK) return;
                if (f()->C_Sign(sess, msg.data(), msg.size(), out.data(), &n) != CKR_OK) return;
                if (out != want) return;
            }
            f()->C_CloseSession(sess);
            ++good;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(good.load(), 4);
}

TEST_F(HmacRules, Sha512TruncatedDigests) {
    for (auto [mech, md] :
         {std::pair{CKM_SHA512_224, "SHA512-224"}, std::pair{CKM_SHA512_256, "SHA512-256"}}) {
        CK_MECHANISM m{mech, nullptr, 0};
        ASSERT_EQ(f()->C_DigestInit(s(), &m), CKR_OK);
        Bytes msg = msg_, out(64);
        CK_ULONG n = out.size();
        ASSERT_EQ(f()->C_Digest(s(), msg.data(), msg.size(), out.data(), &n), CKR_OK);
        out.resize(n);
        Bytes want(EVP_MAX_MD_SIZE);
        unsigned int wn = 0;
        EVP_Digest(msg.data(), msg.size(), want.data(), &wn, EVP_get_digestbyname(md), nullptr);
        want.resize(wn);
        EXPECT_EQ(to_hex(out), to_hex(want)) << md;
    }
}

}  // namespace
}  // namespace craton::test
