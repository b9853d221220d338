// The audit log's writer thread under concurrent callers, through the module: threads sign at
// once with the default [audit] settings (batch, deferred), and after C_Finalize the log holds
// one record per signature with consecutive sequence numbers. Its name puts it in the
// "concurrency" label, so the ThreadSanitizer pass runs it against the instrumented module.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "abi/module_fixture.h"

namespace craton::abitest {
namespace {

class AuditConcurrencyTest : public ModuleTest {
  protected:
    AuditConcurrencyTest() {
        char tmpl[] = "/tmp/craton-audit-mt-XXXXXX";
        if (mkdtemp(tmpl) == nullptr) std::abort();
        dir_ = tmpl;
    }
    ~AuditConcurrencyTest() override {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    ConfigOptions options() const override {
        ConfigOptions o;
        o.extra = "[audit]\npath = \"" + log_path().string() + "\"\n";
        return o;
    }
    std::filesystem::path log_path() const { return dir_ / "audit.log"; }

    std::filesystem::path dir_;
};

// The number after "key": in a canonical record line, or -1.
long long field(const std::string& line, const std::string& key) {
    const std::string needle = "\"" + key + "\":";
    const auto at = line.find(needle);
    if (at == std::string::npos) return -1;
    return std::stoll(line.substr(at + needle.size()));
}

TEST_F(AuditConcurrencyTest, EverySignatureOfEveryThreadIsRecordedOnce) {
    constexpr int kThreads = 4;
    constexpr int kSigns = 250;
    const CK_SLOT_ID slot = ready_token();
    const CK_SESSION_HANDLE keeper = open(slot, true);
    login_user(keeper);
    const Bytes secret(32, 0x5c);
    Attrs a;
    a.ulong(CKA_CLASS, CKO_SECRET_KEY)
        .ulong(CKA_KEY_TYPE, CKK_GENERIC_SECRET)
        .boolean(CKA_SIGN, true)
        .bytes(CKA_VALUE, secret);
    CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
    ASSERT_OK(p11()->C_CreateObject(keeper, a.data(), a.count(), &key));

    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            CK_FUNCTION_LIST_3_0* f = p11();
            CK_SESSION_HANDLE s = CK_INVALID_HANDLE;
            if (f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &s) != CKR_OK) {
                ++failures;
                return;
            }
            CK_MECHANISM m{CKM_SHA256_HMAC, nullptr, 0};
            for (int i = 0; i < kSigns; ++i) {
                CK_BYTE data[8] = {static_cast<CK_BYTE>(t), static_cast<CK_BYTE>(i)};
                CK_BYTE mac[32];
                CK_ULONG n = sizeof mac;
                if (f->C_SignInit(s, &m, key) != CKR_OK ||
                    f->C_Sign(s, data, sizeof data, mac, &n) != CKR_OK) {
                    ++failures;
                }
            }
            f->C_CloseSession(s);
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    ASSERT_OK(p11()->C_Finalize(nullptr));  // writes what the writer thread still holds

    std::ifstream in(log_path());
    std::set<long long> seqs;
    int signs = 0, lines = 0;
    for (std::string line; std::getline(in, line); ++lines) {
        seqs.insert(field(line, "seq"));
        if (line.find("\"op\":\"C_Sign\"") != std::string::npos) {
            ++signs;
            EXPECT_EQ(field(line, "rv"), 0) << line;
            EXPECT_EQ(field(line, "key"), static_cast<long long>(key)) << line;
        }
    }
    EXPECT_EQ(signs, kThreads * kSigns);
    // One linear chain: seq 1..lines, each once.
    ASSERT_EQ(static_cast<int>(seqs.size()), lines);
    EXPECT_EQ(*seqs.begin(), 1);
    EXPECT_EQ(*seqs.rbegin(), lines);
}

}  // namespace
}  // namespace craton::abitest
