// Message digesting (PKCS#11 3.0 section 5.12) with known answers, the operation life cycle
// (single-part vs multi-part, length queries, short buffers, termination on error),
// C_DigestKey, random numbers and C_SessionCancel.
#include <cstring>

#include "abi/module_fixture.h"
#include "support/vector_file.h"

namespace craton::abitest {
namespace {

using craton::test::from_hex;

// Lower-case hex, the way FIPS 180-4 and FIPS 202 print their examples.
std::string to_hex(const std::uint8_t* p, std::size_t n) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += kHex[p[i] >> 4];
        out += kHex[p[i] & 0x0f];
    }
    return out;
}
std::string to_hex(const Bytes& b) {
    return to_hex(b.data(), b.size());
}

class DigestTest : public ModuleTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        init_token(0);
        s_ = open(0, false);
    }
    Bytes digest(CK_MECHANISM_TYPE type, const Bytes& data) {
        CK_MECHANISM m{type, nullptr, 0};
        EXPECT_OK(p11()->C_DigestInit(s_, &m));
        CK_ULONG n = 0;
        EXPECT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(data.data()),
                                  static_cast<CK_ULONG>(data.size()), nullptr, &n));
        Bytes out(n);
        EXPECT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(data.data()),
                                  static_cast<CK_ULONG>(data.size()), out.data(), &n));
        out.resize(n);
        return out;
    }
    void init_sha256() {
        CK_MECHANISM m{CKM_SHA256, nullptr, 0};
        ASSERT_OK(p11()->C_DigestInit(s_, &m));
    }
    // True when a digest operation is active (probing ends it).
    bool probe_active() {
        CK_ULONG n = 0;
        const CK_RV rv = p11()->C_DigestFinal(s_, nullptr, &n);
        if (rv == CKR_OK) {
            CK_BYTE out[64];
            n = sizeof out;
            (void)p11()->C_DigestFinal(s_, out, &n);
        }
        return rv != CKR_OPERATION_NOT_INITIALIZED;
    }
    // Whether the module lists the mechanism (SlotsTest requires the nine SHA-1/2/3 ones).
    bool offered(CK_MECHANISM_TYPE type) {
        CK_MECHANISM_INFO info{};
        return p11()->C_GetMechanismInfo(0, type, &info) == CKR_OK;
    }
    CK_SESSION_HANDLE s_ = CK_INVALID_HANDLE;
};

struct Kat {
    CK_MECHANISM_TYPE type;
    const char* name;
    const char* abc;  // digest of "abc" (FIPS 180-4 / FIPS 202 examples)
};

const Kat kKats[] = {
    {CKM_SHA_1, "SHA-1", "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {CKM_SHA224, "SHA-224", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
    {CKM_SHA256, "SHA-256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {CKM_SHA384, "SHA-384",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca1"
     "34c825a7"},
    {CKM_SHA512, "SHA-512",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
     "a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {CKM_SHA512_224, "SHA-512/224", "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"},
    {CKM_SHA512_256, "SHA-512/256",
     "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"},
    {CKM_SHA3_224, "SHA3-224", "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"},
    {CKM_SHA3_256, "SHA3-256", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
    {CKM_SHA3_384, "SHA3-384",
     "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf2"
     "28376d25"},
    {CKM_SHA3_512, "SHA3-512",
     "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec576"
     "47e3934057340b4cf408d5a56592f8274eec53f0"},
};

const Bytes kAbc = {'a', 'b', 'c'};

TEST_F(DigestTest, KnownAnswersAbc) {
    for (const Kat& k : kKats) {
        if (!offered(k.type)) continue;
        EXPECT_EQ(to_hex(digest(k.type, kAbc)), k.abc) << k.name;
    }
}

TEST_F(DigestTest, KnownAnswersLonger) {
    // FIPS 180-4 two-block example and the empty message.
    const std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    EXPECT_EQ(to_hex(digest(CKM_SHA256, Bytes(msg.begin(), msg.end()))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(to_hex(digest(CKM_SHA256, {})),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(DigestTest, EveryDigestMechanismHasAKnownAnswer) {
    // A digest mechanism added to the module without a known-answer test here fails this.
    CK_ULONG count = 0;
    ASSERT_OK(p11()->C_GetMechanismList(0, nullptr, &count));
    std::vector<CK_MECHANISM_TYPE> mechs(count);
    ASSERT_OK(p11()->C_GetMechanismList(0, mechs.data(), &count));
    for (CK_MECHANISM_TYPE m : mechs) {
        CK_MECHANISM_INFO info{};
        ASSERT_OK(p11()->C_GetMechanismInfo(0, m, &info));
        if (!(info.flags & CKF_DIGEST)) continue;
        bool known = false;
        for (const Kat& k : kKats) known = known || k.type == m;
        EXPECT_TRUE(known) << "digest mechanism 0x" << std::hex << m << " has no KAT";
    }
}

TEST_F(DigestTest, MultiPartEqualsSinglePart) {
    Bytes data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
    for (const Kat& k : kKats) {
        if (!offered(k.type)) continue;
        const Bytes single = digest(k.type, data);
        CK_MECHANISM m{k.type, nullptr, 0};
        ASSERT_OK(p11()->C_DigestInit(s_, &m));
        std::size_t pos = 0;
        for (std::size_t chunk : {0u, 1u, 63u, 64u, 65u, 200u, 0u, 607u}) {
            ASSERT_OK(p11()->C_DigestUpdate(s_, data.data() + pos, static_cast<CK_ULONG>(chunk)));
            pos += chunk;
        }
        ASSERT_EQ(pos, data.size());
        CK_BYTE out[64];
        CK_ULONG n = sizeof out;
        ASSERT_OK(p11()->C_DigestFinal(s_, out, &n));
        EXPECT_EQ(Bytes(out, out + n), single) << k.name;
    }
}

TEST_F(DigestTest, LengthQueryKeepsTheOperation) {
    init_sha256();
    CK_ULONG n = 0;
    ASSERT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, nullptr, &n));
    EXPECT_EQ(n, 32u);
    CK_BYTE out[32];
    ASSERT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
    EXPECT_EQ(to_hex(out, n), kKats[2].abc);
    // Finished: nothing active any more.
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
}

TEST_F(DigestTest, ShortBufferKeepsTheOperation) {
    init_sha256();
    CK_BYTE out[32];
    CK_ULONG n = 31;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
    EXPECT_EQ(n, 32u);
    ASSERT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
    EXPECT_EQ(to_hex(out, n), kKats[2].abc);

    // Same for C_DigestFinal.
    init_sha256();
    ASSERT_OK(p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    n = 0;
    ASSERT_OK(p11()->C_DigestFinal(s_, nullptr, &n));
    EXPECT_EQ(n, 32u);
    n = 16;
    EXPECT_CKR(CKR_BUFFER_TOO_SMALL, p11()->C_DigestFinal(s_, out, &n));
    EXPECT_EQ(n, 32u);
    ASSERT_OK(p11()->C_DigestFinal(s_, out, &n));
    EXPECT_EQ(to_hex(out, n), kKats[2].abc);
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_DigestFinal(s_, out, &n));
}

TEST_F(DigestTest, SinglePartAfterUpdateIsRefusedAndEndsTheOperation) {
    init_sha256();
    ASSERT_OK(p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    CK_BYTE out[32];
    CK_ULONG n = sizeof out;
    EXPECT_CKR(CKR_OPERATION_ACTIVE,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
    // "A call to C_Digest always terminates the active digest operation unless it returns
    // CKR_BUFFER_TOO_SMALL or is a successful call ... to determine the length".
    EXPECT_FALSE(probe_active());
}

TEST_F(DigestTest, UpdateAfterSinglePartLengthQueryIsRefused) {
    init_sha256();
    CK_ULONG n = 0;
    ASSERT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, nullptr, &n));
    EXPECT_CKR(CKR_OPERATION_ACTIVE,
               p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    // "A call to C_DigestUpdate which results in an error terminates the current digest
    // operation."
    EXPECT_FALSE(probe_active());
}

TEST_F(DigestTest, FinalAfterSinglePartLengthQueryIsRefused) {
    init_sha256();
    CK_ULONG n = 0;
    ASSERT_OK(p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, nullptr, &n));
    CK_BYTE out[32];
    n = sizeof out;
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_DigestFinal(s_, out, &n));
}

TEST_F(DigestTest, ArgumentErrorsEndTheOperation) {
    // Errors other than a short buffer end the operation, argument errors included.
    init_sha256();
    CK_BYTE out[32];
    EXPECT_CKR(CKR_ARGUMENTS_BAD,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, nullptr));
    EXPECT_FALSE(probe_active());

    init_sha256();
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_DigestUpdate(s_, nullptr, 5));
    EXPECT_FALSE(probe_active());

    init_sha256();
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_Digest(s_, nullptr, 5, out, nullptr));
    EXPECT_FALSE(probe_active());

    init_sha256();
    ASSERT_OK(p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_DigestFinal(s_, out, nullptr));
    EXPECT_FALSE(probe_active());
}

TEST_F(DigestTest, NoOperationWithoutInit) {
    CK_BYTE out[32];
    CK_ULONG n = sizeof out;
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_DigestFinal(s_, out, &n));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED, p11()->C_DigestKey(s_, 1));
}

TEST_F(DigestTest, SecondInitIsRefused) {
    init_sha256();
    CK_MECHANISM m{CKM_SHA512, nullptr, 0};
    EXPECT_CKR(CKR_OPERATION_ACTIVE, p11()->C_DigestInit(s_, &m));
}

TEST_F(DigestTest, InitWithNullMechanismCancels) {
    // PKCS#11 3.0: calling *Init with a NULL mechanism terminates the active operation.
    init_sha256();
    ASSERT_OK(p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    ASSERT_OK(p11()->C_DigestInit(s_, nullptr));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    // And the session is free for a new digest.
    EXPECT_EQ(to_hex(digest(CKM_SHA_1, kAbc)), kKats[0].abc);
}

TEST_F(DigestTest, UnknownMechanismOrParameter) {
    CK_MECHANISM bad{CKM_VENDOR_DEFINED + 0x5151, nullptr, 0};
    EXPECT_CKR(CKR_MECHANISM_INVALID, p11()->C_DigestInit(s_, &bad));
    // Digests take no parameter.
    CK_ULONG junk = 1;
    CK_MECHANISM with_param{CKM_SHA256, &junk, sizeof junk};
    EXPECT_CKR(CKR_MECHANISM_PARAM_INVALID, p11()->C_DigestInit(s_, &with_param));
    // Neither attempt left an operation behind.
    EXPECT_FALSE(probe_active());
}

TEST_F(DigestTest, SessionCancelEndsTheDigestOnly) {
    init_sha256();
    ASSERT_OK(p11()->C_FindObjectsInit(s_, nullptr, 0));
    ASSERT_OK(p11()->C_SessionCancel(s_, CKF_DIGEST));
    EXPECT_CKR(CKR_OPERATION_NOT_INITIALIZED,
               p11()->C_DigestUpdate(s_, const_cast<CK_BYTE*>(kAbc.data()), 3));
    CK_OBJECT_HANDLE h;
    CK_ULONG n;
    EXPECT_OK(p11()->C_FindObjects(s_, &h, 1, &n));  // the search is untouched
    EXPECT_OK(p11()->C_FindObjectsFinal(s_));
    // Cancelling nothing is not an error.
    EXPECT_OK(p11()->C_SessionCancel(s_, CKF_DIGEST | CKF_ENCRYPT));
}

// ---------------------------------------------------------------------------------------------
// C_DigestKey.

class DigestKeyTest : public DigestTest {
  protected:
    void SetUp() override {
        ModuleTest::SetUp();
        const CK_SLOT_ID slot = ready_token();
        s_ = open(slot, false);
        login_user(s_);
    }
};

TEST_F(DigestKeyTest, SecretKeyValueIsDigested) {
    const Bytes value =
        from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, CKK_AES).bytes(CKA_VALUE, value);
    const CK_OBJECT_HANDLE key = create(s_, a);
    Bytes prefix = {'k', 'e', 'y', ':'};
    Bytes expected_input = prefix;
    expected_input.insert(expected_input.end(), value.begin(), value.end());
    const Bytes expected = digest(CKM_SHA256, expected_input);

    init_sha256();
    ASSERT_OK(p11()->C_DigestUpdate(s_, prefix.data(), static_cast<CK_ULONG>(prefix.size())));
    ASSERT_OK(p11()->C_DigestKey(s_, key));
    CK_BYTE out[32];
    CK_ULONG n = sizeof out;
    ASSERT_OK(p11()->C_DigestFinal(s_, out, &n));
    EXPECT_EQ(Bytes(out, out + n), expected);
}

TEST_F(DigestKeyTest, OnlySecretKeysAreDigestible) {
    const CK_OBJECT_HANDLE data = create_data(s_, "not a key");
    init_sha256();
    EXPECT_CKR(CKR_KEY_INDIGESTIBLE, p11()->C_DigestKey(s_, data));
}

TEST_F(DigestKeyTest, BadKeyHandle) {
    init_sha256();
    EXPECT_CKR(CKR_KEY_HANDLE_INVALID, p11()->C_DigestKey(s_, 0xBAD));
    init_sha256();
    EXPECT_CKR(CKR_KEY_HANDLE_INVALID, p11()->C_DigestKey(s_, CK_INVALID_HANDLE));
}

TEST_F(DigestKeyTest, SinglePartAfterDigestKeyIsRefused) {
    const Bytes value(16, 0x01);
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY).ulong(CKA_KEY_TYPE, CKK_AES).bytes(CKA_VALUE, value);
    const CK_OBJECT_HANDLE key = create(s_, a);
    init_sha256();
    ASSERT_OK(p11()->C_DigestKey(s_, key));
    CK_BYTE out[32];
    CK_ULONG n = sizeof out;
    EXPECT_CKR(CKR_OPERATION_ACTIVE,
               p11()->C_Digest(s_, const_cast<CK_BYTE*>(kAbc.data()), 3, out, &n));
}

// ---------------------------------------------------------------------------------------------
// Random numbers.

TEST_F(DigestTest, GenerateRandom) {
    Bytes a(64, 0), b(64, 0);
    ASSERT_OK(p11()->C_GenerateRandom(s_, a.data(), static_cast<CK_ULONG>(a.size())));
    ASSERT_OK(p11()->C_GenerateRandom(s_, b.data(), static_cast<CK_ULONG>(b.size())));
    EXPECT_NE(a, b);
    EXPECT_NE(a, Bytes(64, 0));
    EXPECT_OK(p11()->C_GenerateRandom(s_, a.data(), 0));
    Bytes big(100000);
    EXPECT_OK(p11()->C_GenerateRandom(s_, big.data(), static_cast<CK_ULONG>(big.size())));
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_GenerateRandom(s_, nullptr, 16));
}

TEST_F(DigestTest, SeedRandom) {
    Bytes seed(32, 0x5e);
    const CK_RV rv = p11()->C_SeedRandom(s_, seed.data(), static_cast<CK_ULONG>(seed.size()));
    // Accepting extra seed or declining it are both allowed; nothing else is.
    EXPECT_TRUE(rv == CKR_OK || rv == CKR_RANDOM_SEED_NOT_SUPPORTED) << rv_name(rv);
    EXPECT_CKR(CKR_ARGUMENTS_BAD, p11()->C_SeedRandom(s_, nullptr, 8));
    Bytes after(32);
    EXPECT_OK(p11()->C_GenerateRandom(s_, after.data(), static_cast<CK_ULONG>(after.size())));
}

}  // namespace
}  // namespace craton::abitest
