// craton-hsm-admin backup/restore of a persistent token: backup -> wipe -> restore gives back
// every object, and a key restored from the backup signs so that the original public key
// verifies; a wrong SO PIN or one changed byte is refused and leaves the existing token as it
// was.
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "support/p11_module.h"

namespace craton::test {
namespace {

CK_UTF8CHAR_PTR utf8(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}

const Bytes kP256 = {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};

struct Fixture {
    std::filesystem::path dir;
    std::string config;  // file path
    std::string storage;

    Fixture() {
        char tmpl[] = "/tmp/craton-backup-XXXXXX";
        dir = mkdtemp(tmpl);
        storage = (dir / "tokens").string();
        config = (dir / "craton_hsm.toml").string();
    }
    ~Fixture() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string toml() const {
        return "[storage]\nmode = \"persistent\"\npath = \"" + storage + "\"\n";
    }
    void write_config() const {
        std::ofstream(config) << "[security]\npbkdf2_iterations = 1000\nlogin_backoff_base_ms = 0\n"
                              << toml();
    }
    // Runs craton-hsm-admin with the SO PIN in $BACKUP_TEST_PIN; returns its exit status.
    int admin(const std::string& args, const char* pin) const {
        write_config();
        setenv("BACKUP_TEST_PIN", pin, 1);
        const std::string cmd = "CRATON_HSM_CONFIG=" + config + " " + CRATON_ADMIN_PATH + " " +
                                args + " --pin-env BACKUP_TEST_PIN >/dev/null 2>&1";
        const int status = std::system(cmd.c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    // Runs a craton-hsm-admin command that needs no PIN; returns its standard output.
    std::string admin_output(const std::string& args) const {
        write_config();
        const std::string cmd =
            "CRATON_HSM_CONFIG=" + config + " " + CRATON_ADMIN_PATH + " " + args + " 2>&1";
        std::string out;
        if (FILE* p = popen(cmd.c_str(), "r")) {
            std::array<char, 256> buf;
            while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
            pclose(p);
        }
        return out;
    }
};

CK_ULONG count_objects(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s) {
    EXPECT_EQ(f->C_FindObjectsInit(s, nullptr, 0), static_cast<CK_RV>(CKR_OK));
    CK_OBJECT_HANDLE h[64];
    CK_ULONG n = 0;
    f->C_FindObjects(s, h, 64, &n);
    f->C_FindObjectsFinal(s);
    return n;
}

CK_OBJECT_HANDLE find_label(CK_FUNCTION_LIST_3_0* f, CK_SESSION_HANDLE s, CK_OBJECT_CLASS cls,
                            const std::string& label) {
    CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                           {CKA_LABEL, const_cast<char*>(label.data()), label.size()}};
    f->C_FindObjectsInit(s, tmpl, 2);
    CK_OBJECT_HANDLE h = CK_INVALID_HANDLE;
    CK_ULONG n = 0;
    f->C_FindObjects(s, &h, 1, &n);
    f->C_FindObjectsFinal(s);
    return n == 1 ? h : CK_INVALID_HANDLE;
}

// A user session on the existing token in slot 0 (no re-initialisation).
struct UserSession {
    P11Module module;
    CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
    explicit UserSession(const Fixture& fx) {
        fx.write_config();
        setenv("CRATON_HSM_CONFIG", fx.config.c_str(), 1);
        auto* f = module.fn();
        EXPECT_EQ(f->C_Initialize(nullptr), static_cast<CK_RV>(CKR_OK));
        EXPECT_EQ(f->C_OpenSession(0, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s),
                  static_cast<CK_RV>(CKR_OK));
        EXPECT_EQ(f->C_Login(s, CKU_USER, utf8(P11Session::kUserPin),
                             std::strlen(P11Session::kUserPin)),
                  static_cast<CK_RV>(CKR_OK));
    }
    ~UserSession() { module.fn()->C_Finalize(nullptr); }
    CK_FUNCTION_LIST_3_0* fn() const { return module.fn(); }
};

TEST(TokenBackup, RoundTripAndRefusals) {
    Fixture fx;
    Bytes ec_point;
    CK_ULONG objects_in_backup = 0;
    {
        // Token A: a P-256 key pair and two data objects, all token objects.
        P11Session a(fx.toml());
        auto* f = a.fn();
        CK_BBOOL yes = CK_TRUE;
        char label[] = "backup-key";
        CK_ATTRIBUTE pub[] = {{CKA_TOKEN, &yes, sizeof yes},
                              {CKA_VERIFY, &yes, sizeof yes},
                              {CKA_LABEL, label, sizeof label - 1},
                              {CKA_EC_PARAMS, const_cast<std::uint8_t*>(kP256.data()), kP256.size()}};
        CK_ATTRIBUTE priv[] = {{CKA_TOKEN, &yes, sizeof yes},
                               {CKA_PRIVATE, &yes, sizeof yes},
                               {CKA_SIGN, &yes, sizeof yes},
                               {CKA_LABEL, label, sizeof label - 1}};
        CK_MECHANISM gen{CKM_EC_KEY_PAIR_GEN, nullptr, 0};
        CK_OBJECT_HANDLE hpub, hpriv;
        ASSERT_EQ(f->C_GenerateKeyPair(a.session(), &gen, pub, 4, priv, 4, &hpub, &hpriv),
                  static_cast<CK_RV>(CKR_OK));
        ec_point = a.attribute(hpub, CKA_EC_POINT);
        ASSERT_FALSE(ec_point.empty());
        for (const char* l : {"data-one", "data-two"}) {
            CK_OBJECT_CLASS cls = CKO_DATA;
            CK_ATTRIBUTE data[] = {{CKA_CLASS, &cls, sizeof cls},
                                   {CKA_TOKEN, &yes, sizeof yes},
                                   {CKA_LABEL, const_cast<char*>(l), std::strlen(l)}};
            CK_OBJECT_HANDLE h;
            ASSERT_EQ(f->C_CreateObject(a.session(), data, 3, &h), static_cast<CK_RV>(CKR_OK));
        }
        objects_in_backup = count_objects(f, a.session());
        ASSERT_EQ(objects_in_backup, 4u);
    }
    const std::string backup = (fx.dir / "token.backup").string();
    ASSERT_EQ(fx.admin("backup --slot 0 --output " + backup, "not-the-so-pin"), 1);
    ASSERT_FALSE(std::filesystem::exists(backup));
    ASSERT_EQ(fx.admin("backup --slot 0 --output " + backup, P11Session::kSoPin), 0);
    ASSERT_TRUE(std::filesystem::exists(backup));

    // Wipe, and put a different token B (one object) in the slot.
    std::filesystem::remove_all(std::filesystem::path(fx.storage) / "slot-0");
    {
        P11Session b(fx.toml());
        CK_OBJECT_CLASS cls = CKO_DATA;
        CK_BBOOL yes = CK_TRUE;
        char l[] = "token-b";
        CK_ATTRIBUTE data[] = {{CKA_CLASS, &cls, sizeof cls},
                               {CKA_TOKEN, &yes, sizeof yes},
                               {CKA_LABEL, l, sizeof l - 1}};
        CK_OBJECT_HANDLE h;
        ASSERT_EQ(b.fn()->C_CreateObject(b.session(), data, 3, &h), static_cast<CK_RV>(CKR_OK));
    }

    // Refusals: a wrong PIN, a changed byte in the body and in the header.
    EXPECT_EQ(fx.admin("restore --slot 0 --input " + backup, "not-the-so-pin"), 1);
    std::ifstream in(backup, std::ios::binary);
    const Bytes original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::size_t at : {original.size() / 2, std::size_t{13}, original.size() - 1}) {
        Bytes changed = original;
        changed[at] ^= 0x01;
        const std::string path = (fx.dir / ("changed-" + std::to_string(at))).string();
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char*>(changed.data()),
                   static_cast<std::streamsize>(changed.size()));
        EXPECT_EQ(fx.admin("restore --slot 0 --input " + path, P11Session::kSoPin), 1)
            << "byte " << at;
    }
    {
        UserSession b(fx);
        EXPECT_EQ(count_objects(b.fn(), b.s), 1u);  // still token B
        EXPECT_NE(find_label(b.fn(), b.s, CKO_DATA, "token-b"), CK_INVALID_HANDLE);
    }

    // The real restore.
    ASSERT_EQ(fx.admin("restore --slot 0 --input " + backup, P11Session::kSoPin), 0);
    // `token list --json` sees the restored token and its four objects without a PIN.
    const std::string listed = fx.admin_output("token list --json");
    EXPECT_NE(listed.find("\"objects\": 4"), std::string::npos) << listed;
    EXPECT_NE(listed.find("\"label\": \"vectors\""), std::string::npos) << listed;
    UserSession r(fx);
    auto* f = r.fn();
    EXPECT_EQ(count_objects(f, r.s), objects_in_backup);
    EXPECT_EQ(find_label(f, r.s, CKO_DATA, "token-b"), CK_INVALID_HANDLE);
    const CK_OBJECT_HANDLE key = find_label(f, r.s, CKO_PRIVATE_KEY, "backup-key");
    ASSERT_NE(key, CK_INVALID_HANDLE);
    CK_MECHANISM ecdsa{CKM_ECDSA, nullptr, 0};
    Bytes digest(32, 0x42), sig(64);
    CK_ULONG sig_len = sig.size();
    ASSERT_EQ(f->C_SignInit(r.s, &ecdsa, key), static_cast<CK_RV>(CKR_OK));
    ASSERT_EQ(f->C_Sign(r.s, digest.data(), digest.size(), sig.data(), &sig_len),
              static_cast<CK_RV>(CKR_OK));
    // The original public key, imported afresh as a session object, verifies it.
    CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    CK_KEY_TYPE kt = CKK_EC;
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE pub[] = {{CKA_CLASS, &cls, sizeof cls},
                          {CKA_KEY_TYPE, &kt, sizeof kt},
                          {CKA_VERIFY, &yes, sizeof yes},
                          {CKA_EC_PARAMS, const_cast<std::uint8_t*>(kP256.data()), kP256.size()},
                          {CKA_EC_POINT, ec_point.data(), ec_point.size()}};
    CK_OBJECT_HANDLE original_pub;
    ASSERT_EQ(f->C_CreateObject(r.s, pub, 5, &original_pub), static_cast<CK_RV>(CKR_OK));
    ASSERT_EQ(f->C_VerifyInit(r.s, &ecdsa, original_pub), static_cast<CK_RV>(CKR_OK));
    EXPECT_EQ(f->C_Verify(r.s, digest.data(), digest.size(), sig.data(), sig_len),
              static_cast<CK_RV>(CKR_OK));
}

}  // namespace
}  // namespace craton::test
