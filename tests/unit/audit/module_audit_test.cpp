// Records the module writes through the PKCS#11 ABI: which calls leave a record, that a failed
// login is recorded with its code, that neither PINs nor key bytes ever reach the file, and
// that `craton-hsm-admin audit verify` accepts the log and names an edited line.
#include <stdio.h>
#include <sys/wait.h>

#include <array>
#include <cstring>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/p11_module.h"
#include "unit/audit/audit_test_support.h"

namespace craton::audittest {
namespace {

using test::Bytes;
using test::P11Session;

CK_UTF8CHAR_PTR pin(const char* p) {
    return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(p));
}

std::string hex(const Bytes& b, bool upper) {
    static const char* kLower = "0123456789abcdef";
    static const char* kUpper = "0123456789ABCDEF";
    const char* d = upper ? kUpper : kLower;
    std::string s;
    for (auto x : b) {
        s.push_back(d[x >> 4]);
        s.push_back(d[x & 15]);
    }
    return s;
}

// Runs craton-hsm-admin with `args`; returns the exit status and fills `out` with stdout.
int admin(const std::string& args, std::string& out) {
    const std::string cmd = std::string(CRATON_ADMIN_PATH) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (p == nullptr) return -1;
    out.clear();
    std::array<char, 512> buf;
    while (std::fgets(buf.data(), buf.size(), p) != nullptr) out += buf.data();
    const int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A distinctive AES-256 key value, easy to search for.
const Bytes kKeyValue = {0xc7, 0x3a, 0x91, 0x5e, 0x08, 0xd4, 0x6b, 0xf2, 0x1d, 0xa9, 0x77,
                         0x34, 0xe0, 0x5c, 0xbb, 0x12, 0x9f, 0x46, 0x2e, 0x81, 0xd3, 0x6a,
                         0x0f, 0xc5, 0x58, 0xe7, 0x3b, 0x94, 0x21, 0xfa, 0x6d, 0xb0};

// One session's worth of audited activity: token and PIN set-up (P11Session), a failed and a
// good login, a key imported and used to sign, the key destroyed.
void run_session(const std::string& audit_table) {
    P11Session s(audit_table);
    auto* f = s.fn();
    ASSERT_EQ(f->C_Logout(s.session()), static_cast<CK_RV>(CKR_OK));
    const char* wrong = "wrong-pin-0000";
    EXPECT_EQ(f->C_Login(s.session(), CKU_USER, pin(wrong), std::strlen(wrong)),
              static_cast<CK_RV>(CKR_PIN_INCORRECT));
    ASSERT_EQ(f->C_Login(s.session(), CKU_USER, pin(P11Session::kUserPin),
                         std::strlen(P11Session::kUserPin)),
              static_cast<CK_RV>(CKR_OK));
    const CK_OBJECT_HANDLE key = s.secret_key(CKK_AES, kKeyValue);
    CK_MECHANISM cmac{CKM_AES_CMAC, nullptr, 0};
    ASSERT_EQ(f->C_SignInit(s.session(), &cmac, key), static_cast<CK_RV>(CKR_OK));
    Bytes data(64, 0x5a), mac(16);
    CK_ULONG mac_len = mac.size();
    ASSERT_EQ(f->C_Sign(s.session(), data.data(), data.size(), mac.data(), &mac_len),
              static_cast<CK_RV>(CKR_OK));
    ASSERT_EQ(f->C_DestroyObject(s.session(), key), static_cast<CK_RV>(CKR_OK));
}

std::multiset<std::string> ops_in(const std::string& log) {
    std::multiset<std::string> ops;
    for (const auto& l : lines_of(log)) ops.insert(nlohmann::json::parse(l)["op"]);
    return ops;
}

TEST(ModuleAudit, SecurityRelevantCallsAreRecorded) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    run_session("[audit]\npath = \"" + path.string() + "\"\nsync = \"always\"\n");
    const std::string log = read_text(path);
    const auto ops = ops_in(log);
    for (const char* op :
         {"self_test", "C_Initialize", "C_InitToken", "C_Login", "C_InitPIN", "C_Logout",
          "C_CreateObject", "C_Sign", "C_DestroyObject", "C_Finalize"}) {
        EXPECT_EQ(ops.count(op) > 0, true) << op << " has no record";
    }
    // The failed login is there with its code, and the signature names key and mechanism.
    bool failed_login = false, signed_with_cmac = false;
    for (const auto& l : lines_of(log)) {
        const auto r = nlohmann::json::parse(l);
        if (r["op"] == "C_Login" && r["rv"] == CKR_PIN_INCORRECT) failed_login = true;
        if (r["op"] == "C_Sign" && r["mechanism"] == "AES-CMAC" && r["rv"] == CKR_OK &&
            r["role"] == "user" && r["key"].is_number() && r["fips_approved"] == true) {
            signed_with_cmac = true;
        }
    }
    EXPECT_TRUE(failed_login);
    EXPECT_TRUE(signed_with_cmac) << log;
}

TEST(ModuleAudit, NoPinsAndNoKeyBytesInTheLog) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    run_session("[audit]\npath = \"" + path.string() + "\"\n");
    const std::string log = read_text(path);
    ASSERT_FALSE(log.empty());
    for (const std::string& secret :
         {std::string(P11Session::kUserPin), std::string(P11Session::kSoPin),
          std::string("wrong-pin-0000"), std::string(kKeyValue.begin(), kKeyValue.end()),
          hex(kKeyValue, false), hex(kKeyValue, true),
          // Any 8-byte window of the key, raw or hex, would be a leak too.
          std::string(kKeyValue.begin() + 8, kKeyValue.begin() + 16),
          hex(Bytes(kKeyValue.begin() + 8, kKeyValue.begin() + 16), false)}) {
        EXPECT_EQ(log.find(secret), std::string::npos) << "secret bytes found in the audit log";
    }
}

// Approved-only mode: a non-approved mechanism is refused with CKR_MECHANISM_INVALID, and the
// refusal is recorded with the mechanism's name and fips_approved false.
TEST(ModuleAudit, ApprovedModeRefusalIsRecordedAsNotApproved) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    {
        P11Session s("[audit]\npath = \"" + path.string() +
                     "\"\nsync = \"always\"\n[algorithms]\nfips_approved_only = true\n");
        auto* f = s.fn();
        const CK_OBJECT_HANDLE key = s.secret_key(CKK_AES, kKeyValue);
        CK_MECHANISM sha1_ecdsa{CKM_ECDSA_SHA1, nullptr, 0};  // SHA-1 signatures: not approved
        EXPECT_EQ(f->C_SignInit(s.session(), &sha1_ecdsa, key),
                  static_cast<CK_RV>(CKR_MECHANISM_INVALID));
    }
    bool refusal = false;
    for (const auto& l : lines_of(read_text(path))) {
        const auto r = nlohmann::json::parse(l);
        if (r["op"] == "approved_mode_refusal" && r["fips_approved"] == false &&
            r["rv"] == CKR_MECHANISM_INVALID && r["mechanism"].is_string() &&
            r["mechanism"].get<std::string>().find("SHA1") != std::string::npos) {
            refusal = true;
        }
    }
    EXPECT_TRUE(refusal) << read_text(path);
}

TEST(ModuleAudit, CryptoOperationRecordsCanBeSwitchedOff) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    run_session("[audit]\npath = \"" + path.string() + "\"\nlog_crypto_operations = false\n");
    const auto ops = ops_in(read_text(path));
    EXPECT_EQ(ops.count("C_Sign"), 0u);
    EXPECT_GT(ops.count("C_CreateObject"), 0u);  // key management stays recorded
}

TEST(ModuleAudit, AdminVerifyAcceptsTheLogAndNamesAnEditedLine) {
    TempDir dir;
    const auto path = dir.path() / "audit.log";
    run_session("[audit]\npath = \"" + path.string() + "\"\n");
    run_session("[audit]\npath = \"" + path.string() + "\"\n");  // a restart continues it
    std::string out;
    EXPECT_EQ(admin("audit verify " + path.string(), out), 0) << out;
    EXPECT_NE(out.find("ok:"), std::string::npos) << out;

    auto lines = lines_of(read_text(path));
    ASSERT_GT(lines.size(), 6u);
    // One byte of line 5: the result code of that record.
    const auto at = lines[4].find("\"rv\":");
    ASSERT_NE(at, std::string::npos);
    lines[4][at + 5] = lines[4][at + 5] == '0' ? '1' : '0';
    write_text(path, join_lines(lines));
    EXPECT_EQ(admin("audit verify " + path.string(), out), 1) << out;
    EXPECT_NE(out.find("line 5 (seq 5)"), std::string::npos) << out;

    lines = lines_of(read_text(path));
    lines.erase(lines.begin() + 4);  // the edited line goes: now line 5 is the gap
    write_text(path, join_lines(lines));
    EXPECT_EQ(admin("audit verify " + path.string(), out), 1) << out;
    EXPECT_NE(out.find("line 5 (seq 6)"), std::string::npos) << out;

    EXPECT_EQ(admin("audit tail -n 2 " + path.string(), out), 0);
    EXPECT_EQ(lines_of(out).size(), 2u);
}

}  // namespace
}  // namespace craton::audittest
