// Secrets never leave the module through its side channels: after a run that uses known key
// bytes and known PINs (right and wrong ones, PIN changes, keys imported, used and refused), the
// audit log, the module's log file (at level "debug") and everything written to standard error
// must contain none of them, raw or as hex or base64, whole or as any 8-byte piece.
// Also: a key that is not extractable cannot be wrapped out (C_WrapKey).
#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "abi/module_fixture.h"
#include "support/vector_file.h"

namespace craton::abitest {
namespace {

// Distinctive values, so a match cannot be a coincidence.
const std::string kLeakSoPin = "SoPin-7f3a9c21";
const std::string kLeakUserPin = "UsPin-5e8d0b44";
const std::string kLeakNewUserPin = "NewPin-c41d7e99";
const std::string kLeakWrongPin = "BadPin-9a0b1c2d";

Bytes pattern(std::uint8_t seed, std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + 37 * i + (i >> 3));
    return b;
}
const Bytes kAesValue = pattern(0xa5, 32);
const Bytes kHmacValue = pattern(0x3c, 32);
const Bytes kRefusedValue = pattern(0x71, 33);  // an AES key of an invalid length

std::string base64(const std::uint8_t* p, std::size_t n) {
    static const char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < n; i += 3) {
        std::uint32_t v = static_cast<std::uint32_t>(p[i]) << 16;
        if (i + 1 < n) v |= static_cast<std::uint32_t>(p[i + 1]) << 8;
        if (i + 2 < n) v |= p[i + 2];
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < n ? kAlphabet[(v >> 6) & 63] : '=';
        out += i + 2 < n ? kAlphabet[v & 63] : '=';
    }
    return out;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every form in which `secret` could appear in text or binary output: the whole value raw, as
// hex (both cases) and as base64 (from each of the three byte alignments, without the padded
// tail, so a base64 of the value inside a longer blob matches too), and each 8-byte window raw
// and as hex (a log that printed a piece of it).
std::vector<std::string> forms(const Bytes& secret) {
    std::vector<std::string> out;
    out.emplace_back(secret.begin(), secret.end());
    out.push_back(test::to_hex(secret));
    out.push_back(upper(test::to_hex(secret)));
    for (std::size_t shift = 0; shift < 3; ++shift) {
        const std::string b64 = base64(secret.data() + shift, secret.size() - shift);
        out.push_back(b64.substr(0, b64.size() - 4));  // without the padded tail
    }
    for (std::size_t i = 0; i + 8 <= secret.size(); ++i) {
        out.emplace_back(secret.begin() + static_cast<long>(i),
                         secret.begin() + static_cast<long>(i + 8));
        out.push_back(test::to_hex(secret.data() + i, 8));
        out.push_back(upper(test::to_hex(secret.data() + i, 8)));
    }
    return out;
}

class SecretLeakTest : public ModuleTest {
  protected:
    SecretLeakTest() {
        char tmpl[] = "/tmp/craton-leak-XXXXXX";
        if (mkdtemp(tmpl) == nullptr) std::abort();
        dir_ = tmpl;
    }
    ~SecretLeakTest() override {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    ConfigOptions options() const override {
        ConfigOptions o;
        o.log_level = "debug";
        o.log_file = (dir_ / "module.log").string();
        o.extra = "[audit]\npath = \"" + (dir_ / "audit.log").string() + "\"\n";
        return o;
    }

    // Standard error goes to a file from before C_Initialize until release_stderr().
    void SetUp() override {
        std::fflush(stderr);
        saved_stderr_ = dup(2);
        const int fd = ::open((dir_ / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ASSERT_GE(fd, 0);
        dup2(fd, 2);
        ::close(fd);
        ModuleTest::SetUp();
    }
    void TearDown() override {
        ModuleTest::TearDown();
        release_stderr();
    }
    void release_stderr() {
        if (saved_stderr_ < 0) return;
        std::fflush(stderr);
        dup2(saved_stderr_, 2);
        ::close(saved_stderr_);
        saved_stderr_ = -1;
    }

    CK_OBJECT_HANDLE secret_key(CK_SESSION_HANDLE s, CK_KEY_TYPE type, const Bytes& value,
                                CK_RV expected = CKR_OK) {
        Attrs a;
        a.ulong(CKA_CLASS, CKO_SECRET_KEY)
            .ulong(CKA_KEY_TYPE, type)
            .boolean(CKA_TOKEN, true)
            .boolean(CKA_SENSITIVE, true)
            .boolean(CKA_EXTRACTABLE, false)
            .bytes(CKA_VALUE, value);
        if (type == CKK_AES) {
            a.boolean(CKA_ENCRYPT, true).boolean(CKA_DECRYPT, true);
        } else {
            a.boolean(CKA_SIGN, true).boolean(CKA_VERIFY, true);
        }
        CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
        EXPECT_CKR(expected, p11()->C_CreateObject(s, a.data(), a.count(), &h));
        return h;
    }

    std::filesystem::path dir_;
    int saved_stderr_ = -1;
};

TEST_F(SecretLeakTest, KeysAndPinsStayOutOfAuditLogAndOutput) {
    CK_FUNCTION_LIST_3_0* f = p11();
    init_token(0, kLeakSoPin);
    const CK_SESSION_HANDLE s = open(0, true);
    ASSERT_OK(f->C_Login(s, CKU_SO, utf8(kLeakSoPin), len(kLeakSoPin)));
    ASSERT_OK(f->C_InitPIN(s, utf8(kLeakUserPin), len(kLeakUserPin)));
    ASSERT_OK(f->C_Logout(s));
    EXPECT_CKR(CKR_PIN_INCORRECT, f->C_Login(s, CKU_USER, utf8(kLeakWrongPin), len(kLeakWrongPin)));
    ASSERT_OK(f->C_Login(s, CKU_USER, utf8(kLeakUserPin), len(kLeakUserPin)));
    ASSERT_OK(f->C_SetPIN(s, utf8(kLeakUserPin), len(kLeakUserPin), utf8(kLeakNewUserPin),
                          len(kLeakNewUserPin)));
    EXPECT_CKR(CKR_PIN_INCORRECT, f->C_SetPIN(s, utf8(kLeakWrongPin), len(kLeakWrongPin),
                                              utf8(kLeakUserPin), len(kLeakUserPin)));

    const CK_OBJECT_HANDLE aes = secret_key(s, CKK_AES, kAesValue);
    const CK_OBJECT_HANDLE mac_key = secret_key(s, CKK_GENERIC_SECRET, kHmacValue);
    (void)secret_key(s, CKK_AES, kRefusedValue, CKR_ATTRIBUTE_VALUE_INVALID);

    CK_BYTE iv[12] = {1, 2, 3};
    CK_GCM_PARAMS gcm{iv, sizeof iv, 96, nullptr, 0, 128};
    CK_MECHANISM enc{CKM_AES_GCM, &gcm, sizeof gcm};
    CK_BYTE plain[32] = {'p', 'l', 'a', 'i', 'n'};
    CK_BYTE sealed[64];
    CK_ULONG sealed_len = sizeof sealed;
    ASSERT_OK(f->C_EncryptInit(s, &enc, aes));
    ASSERT_OK(f->C_Encrypt(s, plain, sizeof plain, sealed, &sealed_len));
    CK_MECHANISM hmac{CKM_SHA256_HMAC, nullptr, 0};
    CK_BYTE mac[32];
    CK_ULONG mac_len = sizeof mac;
    ASSERT_OK(f->C_SignInit(s, &hmac, mac_key));
    ASSERT_OK(f->C_Sign(s, plain, sizeof plain, mac, &mac_len));
    // A refused read of the sensitive value goes through the error paths too.
    CK_BYTE value[32];
    CK_ATTRIBUTE read{CKA_VALUE, value, sizeof value};
    EXPECT_CKR(CKR_ATTRIBUTE_SENSITIVE, f->C_GetAttributeValue(s, aes, &read, 1));
    ASSERT_OK(f->C_Logout(s));
    EXPECT_CKR(CKR_PIN_INCORRECT, f->C_Login(s, CKU_SO, utf8(kLeakWrongPin), len(kLeakWrongPin)));
    ASSERT_OK(f->C_Finalize(nullptr));
    release_stderr();

    const std::string audit = read_file(dir_ / "audit.log");
    const std::string outputs[] = {audit, read_file(dir_ / "module.log"),
                                   read_file(dir_ / "stderr.txt")};
    const char* names[] = {"audit log", "module log", "standard error"};
    // The scan must have had something to scan: the audit log recorded the logins and keys.
    EXPECT_NE(audit.find("C_Login"), std::string::npos);
    EXPECT_NE(audit.find("C_CreateObject"), std::string::npos);

    struct Secret {
        const char* what;
        Bytes value;
    };
    std::vector<Secret> secrets = {
        {"AES key", kAesValue}, {"HMAC key", kHmacValue}, {"refused key value", kRefusedValue}};
    for (const auto* pin : {&kLeakSoPin, &kLeakUserPin, &kLeakNewUserPin, &kLeakWrongPin}) {
        secrets.push_back({"PIN", Bytes(pin->begin(), pin->end())});
    }
    for (const auto& secret : secrets) {
        // A PIN is text: its raw form is what a leak would show.
        const bool text = std::string(secret.what) == "PIN";
        const auto needles =
            text ? std::vector<std::string>{std::string(secret.value.begin(), secret.value.end())}
                 : forms(secret.value);
        for (std::size_t i = 0; i < std::size(outputs); ++i) {
            for (const auto& needle : needles) {
                EXPECT_EQ(outputs[i].find(needle), std::string::npos)
                    << secret.what << " found in the " << names[i];
            }
        }
    }
}

TEST_F(SecretLeakTest, NonExtractableKeyIsNotWrapped) {
    CK_FUNCTION_LIST_3_0* f = p11();
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE s = open(slot, true);
    login_user(s);
    const CK_OBJECT_HANDLE target = secret_key(s, CKK_AES, kAesValue);
    Attrs w;
    w.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_AES)
        .boolean(CKA_WRAP, true)
        .bytes(CKA_VALUE, kHmacValue);
    const CK_OBJECT_HANDLE wrapping = create(s, w);
    CK_MECHANISM kw{CKM_AES_KEY_WRAP, nullptr, 0};
    CK_BYTE out[64];
    CK_ULONG out_len = sizeof out;
    EXPECT_CKR(CKR_KEY_UNEXTRACTABLE, f->C_WrapKey(s, &kw, wrapping, target, out, &out_len));
    // The length query is refused the same way: no size, no bytes.
    out_len = 0;
    EXPECT_CKR(CKR_KEY_UNEXTRACTABLE, f->C_WrapKey(s, &kw, wrapping, target, nullptr, &out_len));
    // The same key made extractable (but still sensitive) wraps: the refusal above is about
    // CKA_EXTRACTABLE, not a broken wrapping setup.
    Attrs e;
    e.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_AES)
        .boolean(CKA_SENSITIVE, true)
        .boolean(CKA_EXTRACTABLE, true)
        .bytes(CKA_VALUE, kAesValue);
    const CK_OBJECT_HANDLE extractable = create(s, e);
    out_len = sizeof out;
    EXPECT_OK(f->C_WrapKey(s, &kw, wrapping, extractable, out, &out_len));
    EXPECT_EQ(out_len, kAesValue.size() + 8);  // RFC 3394: one 64-bit block longer
}

}  // namespace
}  // namespace craton::abitest
