// A persistent token holding many token objects answers C_FindObjects by CKA_LABEL and by
// CKA_ID with exactly the one right object, and does so again after C_Finalize +
// C_Initialize, when the objects come back from the LMDB store instead of memory: public
// objects before login, private ones only once the user is logged in. 5,000 objects in the
// normal set; the *Slow* case (label "slow", scripts/run-tests with CRATON_TEST_FULL=1) holds
// 100,000.
//
// The token directory is on tmpfs (/dev/shm) when there is one: every C_CreateObject commits
// and fsyncs, and on a loaded disk that costs milliseconds per object, which would measure the
// disk rather than the loading and indexing this test is about. LMDB and the module treat the
// directory exactly as any other.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test {
namespace {

CK_UTF8CHAR_PTR utf8(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}

// Labels and ids built the same way as the objects but independently of the module.
std::string label_of(std::uint64_t i) {
    char text[32];
    std::snprintf(text, sizeof text, "large-%07llu", static_cast<unsigned long long>(i));
    return text;
}
Bytes id_of(std::uint64_t i) {
    return {0x1d, static_cast<std::uint8_t>(i >> 16), static_cast<std::uint8_t>(i >> 8),
            static_cast<std::uint8_t>(i)};
}
// Every 10th object is private.
bool is_private(std::uint64_t i) {
    return i % 10 == 3;
}

struct TempTokenDir {
    std::filesystem::path dir;
    TempTokenDir() {
        std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
        std::string tmpl = base + "/craton-large-XXXXXX";
        if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir = tmpl;
        std::ofstream(dir / "craton_hsm.toml")
            << "[security]\npbkdf2_iterations = 1000\nlogin_backoff_base_ms = 0\n"
               "[storage]\nmode = \"persistent\"\npath = \""
            << (dir / "tokens").string() << "\"\n";
        setenv("CRATON_HSM_CONFIG", (dir / "craton_hsm.toml").c_str(), 1);
    }
    ~TempTokenDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

class LargeToken {
  public:
    explicit LargeToken(CK_FUNCTION_LIST_3_0* f) : f_(f) {}

    void open() {
        ASSERT_EQ(f_->C_Initialize(nullptr), static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(
            f_->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session_),
            static_cast<CK_RV>(CKR_OK));
    }
    void login() {
        ASSERT_EQ(f_->C_Login(session_, CKU_USER, utf8(P11Session::kUserPin),
                              std::strlen(P11Session::kUserPin)),
                  static_cast<CK_RV>(CKR_OK));
    }
    void close() { ASSERT_EQ(f_->C_Finalize(nullptr), static_cast<CK_RV>(CKR_OK)); }

    // Initialises the token and creates `n` generic secret keys (readable values, a CKA_ID), logged
    // in (private ones need it).
    void populate(std::uint64_t n) {
        char label[32];
        std::memset(label, ' ', sizeof label);
        std::memcpy(label, "large", 5);
        ASSERT_EQ(f_->C_Initialize(nullptr), static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(f_->C_InitToken(0, utf8(P11Session::kSoPin), std::strlen(P11Session::kSoPin),
                                  reinterpret_cast<CK_UTF8CHAR_PTR>(label)),
                  static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(
            f_->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session_),
            static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(f_->C_Login(session_, CKU_SO, utf8(P11Session::kSoPin),
                              std::strlen(P11Session::kSoPin)),
                  static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(
            f_->C_InitPIN(session_, utf8(P11Session::kUserPin), std::strlen(P11Session::kUserPin)),
            static_cast<CK_RV>(CKR_OK));
        ASSERT_EQ(f_->C_Logout(session_), static_cast<CK_RV>(CKR_OK));
        login();
        for (std::uint64_t i = 0; i < n; ++i) {
            const std::string l = label_of(i);
            const Bytes id = id_of(i);
            const Bytes value(48, static_cast<std::uint8_t>(i));
            AttrBuilder builder;  // owns the values the attributes point at
            builder.add_ulong(CKA_CLASS, CKO_SECRET_KEY)
                .add_ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
                .add_bool(CKA_TOKEN, true)
                .add_bool(CKA_SENSITIVE, false)
                .add_bool(CKA_EXTRACTABLE, true)
                .add_bool(CKA_PRIVATE, is_private(i))
                .add(CKA_LABEL, Bytes(l.begin(), l.end()))
                .add(CKA_ID, id)
                .add(CKA_VALUE, value);
            const auto attrs = builder.build();
            CK_OBJECT_HANDLE h;
            const CK_RV rv = f_->C_CreateObject(session_, const_cast<CK_ATTRIBUTE*>(attrs.data()),
                                                attrs.size(), &h);
            ASSERT_EQ(rv, static_cast<CK_RV>(CKR_OK)) << "object " << i << ": " << rv_name(rv);
        }
        close();
    }

    // Every handle C_FindObjects gives for one attribute (up to 16).
    std::vector<CK_OBJECT_HANDLE> find(CK_ATTRIBUTE_TYPE type, const Bytes& value) {
        CK_ATTRIBUTE tmpl{type, const_cast<std::uint8_t*>(value.data()),
                          static_cast<CK_ULONG>(value.size())};
        std::vector<CK_OBJECT_HANDLE> out(16);
        CK_ULONG n = 0;
        EXPECT_EQ(f_->C_FindObjectsInit(session_, &tmpl, 1), static_cast<CK_RV>(CKR_OK));
        EXPECT_EQ(f_->C_FindObjects(session_, out.data(), out.size(), &n),
                  static_cast<CK_RV>(CKR_OK));
        EXPECT_EQ(f_->C_FindObjectsFinal(session_), static_cast<CK_RV>(CKR_OK));
        out.resize(n);
        return out;
    }
    Bytes attribute(CK_OBJECT_HANDLE h, CK_ATTRIBUTE_TYPE type) {
        CK_ATTRIBUTE a{type, nullptr, 0};
        EXPECT_EQ(f_->C_GetAttributeValue(session_, h, &a, 1), static_cast<CK_RV>(CKR_OK));
        Bytes v(a.ulValueLen);
        a.pValue = v.data();
        EXPECT_EQ(f_->C_GetAttributeValue(session_, h, &a, 1), static_cast<CK_RV>(CKR_OK));
        return v;
    }

    // Finds object i by label and by id: exactly one, and it is object i.
    void expect_unique(std::uint64_t i) {
        const std::string l = label_of(i);
        const auto by_label = find(CKA_LABEL, Bytes(l.begin(), l.end()));
        ASSERT_EQ(by_label.size(), 1U) << l;
        EXPECT_EQ(attribute(by_label[0], CKA_ID), id_of(i)) << l;
        EXPECT_EQ(attribute(by_label[0], CKA_VALUE), Bytes(48, static_cast<std::uint8_t>(i)));
        const auto by_id = find(CKA_ID, id_of(i));
        ASSERT_EQ(by_id.size(), 1U) << l;
        EXPECT_EQ(attribute(by_id[0], CKA_LABEL), Bytes(l.begin(), l.end()));
    }

  private:
    CK_FUNCTION_LIST_3_0* f_;
    CK_SESSION_HANDLE session_ = CK_INVALID_HANDLE;
};

void run_large_token(std::uint64_t n) {
    TempTokenDir dir;
    P11Module m;
    LargeToken token(m.fn());
    const auto start = std::chrono::steady_clock::now();
    ASSERT_NO_FATAL_FAILURE(token.populate(n));
    std::printf("populated %llu objects in %.1f s\n", static_cast<unsigned long long>(n),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

    // A public object near the end, a private one in the middle, the first and the last.
    const std::uint64_t pub = n - 2, priv = n / 2 + 3, first = 0, last = n - 1;
    ASSERT_FALSE(is_private(pub));
    ASSERT_TRUE(is_private(priv));
    for (int round = 0; round < 2; ++round) {  // the second round after a full re-open
        SCOPED_TRACE(round == 0 ? "first open" : "re-opened");
        ASSERT_NO_FATAL_FAILURE(token.open());
        token.expect_unique(pub);
        const std::string pl = label_of(priv);
        EXPECT_TRUE(token.find(CKA_LABEL, Bytes(pl.begin(), pl.end())).empty())
            << "a private object is visible before login";
        ASSERT_NO_FATAL_FAILURE(token.login());
        for (std::uint64_t i : {pub, priv, first, last}) token.expect_unique(i);
        // A label that no object has.
        const std::string none = label_of(n);
        EXPECT_TRUE(token.find(CKA_LABEL, Bytes(none.begin(), none.end())).empty());
        ASSERT_NO_FATAL_FAILURE(token.close());
    }
}

TEST(StoreLargeToken, FindsOneOfFiveThousandObjectsAfterReopen) {
    run_large_token(5000);
}

TEST(StoreLargeToken, FindsOneOfHundredThousandObjectsAfterReopenSlow) {
    run_large_token(100000);
}

}  // namespace
}  // namespace craton::test
