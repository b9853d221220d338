// The [daemon] table (docs/configuration.md): known keys parse, anything unknown or malformed
// is refused.
#include <gtest/gtest.h>

#include "config/config.h"

namespace craton::config {
namespace {

std::string daemon_error(const std::string& body) {
    try {
        parse_config_text("[daemon]\n" + body, "test.toml");
        return "";
    } catch (const ConfigError& e) {
        return e.what();
    }
}

const std::string kFingerprint(64, 'a');

TEST(DaemonConfig, DefaultsAreLoopbackAndClientCertificatesRequired) {
    const Config c = parse_config_text("", "test.toml");
    EXPECT_EQ(c.daemon.listen_addr, "127.0.0.1:8443");
    EXPECT_TRUE(c.daemon.require_client_cert);
    EXPECT_TRUE(c.daemon.allowed_client_fingerprints.empty());
}

TEST(DaemonConfig, EveryKeyParses) {
    const Config c = parse_config_text(
        "[daemon]\nlisten_addr = \"127.0.0.1:0\"\nserver_cert = \"s.crt\"\nserver_key = \"s.key\"\n"
        "client_ca = \"ca.crt\"\ncrl_dir = \"/etc/crl\"\nunix_socket = "
        "\"/run/craton.sock\"\nrequire_client_cert = "
        "false\nidle_timeout_seconds = 5\nmax_calls_per_client = 3\n"
        "login_failures_per_client = 4\nlogin_lockout_seconds = 30\n"
        "allowed_client_fingerprints = [\"" +
            kFingerprint +
            "\"]\n"
            "[daemon.client_slots]\n\"" +
            kFingerprint + "\" = [0, 2]\n",
        "test.toml");
    EXPECT_EQ(c.daemon.listen_addr, "127.0.0.1:0");
    EXPECT_EQ(c.daemon.client_ca, "ca.crt");
    EXPECT_EQ(c.daemon.crl_dir, "/etc/crl");
    EXPECT_EQ(c.daemon.unix_socket, "/run/craton.sock");
    EXPECT_FALSE(c.daemon.require_client_cert);
    EXPECT_EQ(c.daemon.idle_timeout_seconds, 5u);
    EXPECT_EQ(c.daemon.max_calls_per_client, 3u);
    EXPECT_EQ(c.daemon.login_failures_per_client, 4u);
    EXPECT_EQ(c.daemon.login_lockout_seconds, 30u);
    ASSERT_EQ(c.daemon.allowed_client_fingerprints.size(), 1u);
    EXPECT_EQ(c.daemon.client_slots.at(kFingerprint), (std::vector<std::uint64_t>{0, 2}));
}

TEST(DaemonConfig, MalformedValuesAreRefused) {
    EXPECT_NE(daemon_error("listen = \"0.0.0.0:1\"\n"), "");
    EXPECT_NE(daemon_error("crl_dir = \"\"\n"), "");
    EXPECT_NE(daemon_error("login_failures_per_client = 0\n"), "");
    EXPECT_NE(daemon_error("login_lockout_seconds = 86401\n"), "");
    EXPECT_NE(daemon_error("require_client_cert = \"no\"\n"), "");
    EXPECT_NE(daemon_error("idle_timeout_seconds = 0\n"), "");
    EXPECT_NE(daemon_error("max_calls_per_client = 0\n"), "");
    EXPECT_NE(daemon_error("unix_socket = \"relative.sock\"\n"), "");
    EXPECT_NE(daemon_error("allowed_client_fingerprints = [\"AB:CD\"]\n"), "");
    EXPECT_NE(daemon_error("allowed_client_fingerprints = [\"" + std::string(64, 'A') + "\"]\n"),
              "");
    EXPECT_NE(daemon_error("client_slots = { notafingerprint = [0] }\n"), "");
}

// A float where an integer belongs is a type error, even one beyond the integer range (its
// conversion would be undefined: found by the config fuzzer; regression
// tests/fuzz/regressions/config/daemon-float-beyond-int64). Fails under UBSan without the fix.
TEST(DaemonConfig, FloatsWhereIntegersBelongAreRefused) {
    for (const char* key : {"idle_timeout_seconds", "max_calls_per_client",
                            "login_failures_per_client", "login_lockout_seconds"}) {
        EXPECT_NE(daemon_error(std::string(key) + " = 1.6e85\n"), "") << key;
        EXPECT_NE(daemon_error(std::string(key) + " = 30.0\n"), "") << key;
    }
    const std::string fp(64, 'a');
    EXPECT_NE(daemon_error("client_slots = { " + fp + " = [1.6e85] }\n"), "");
}

}  // namespace
}  // namespace craton::config
