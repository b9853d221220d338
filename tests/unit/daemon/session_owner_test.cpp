// Session ownership per (certificate, channel): the channel id check and the SessionRegistry
// keeping two channels of one certificate apart, which is what lets the daemon close a dead
// process's sessions without touching another process using the same certificate.
#include <gtest/gtest.h>

#include "daemon/client_channel.h"
#include "daemon/session_registry.h"

using craton::daemon::is_channel_id;
using craton::daemon::SessionRegistry;

TEST(ClientChannel, AcceptsOnlyBoundedLowerCaseHex) {
    EXPECT_TRUE(is_channel_id("0123456789abcdef"));
    EXPECT_TRUE(is_channel_id(std::string(64, 'a')));
    EXPECT_FALSE(is_channel_id(""));
    EXPECT_FALSE(is_channel_id("0123456789abcde"));     // 15: too short
    EXPECT_FALSE(is_channel_id(std::string(65, 'a')));  // too long
    EXPECT_FALSE(is_channel_id("0123456789ABCDEF"));    // upper case
    EXPECT_FALSE(is_channel_id("0123456789abcdeg"));
    EXPECT_FALSE(is_channel_id("0123456789abcde event=x"));
}

TEST(SessionRegistry, TwoChannelsOfOneCertificateOwnSeparateSessions) {
    SessionRegistry registry;
    const std::string a1 = "fp#00000000000000000000000000000001";
    const std::string a2 = "fp#00000000000000000000000000000002";
    registry.add(10, 0, a1);
    registry.add(11, 0, a2);
    EXPECT_TRUE(registry.owned_by(10, a1));
    EXPECT_FALSE(registry.owned_by(10, a2));
    EXPECT_FALSE(registry.owned_by(10, "fp"));  // a client without a channel id
    EXPECT_EQ(registry.sessions_of(a1), std::vector<std::uint64_t>{10});
    // What the daemon does when a1's connection ends: a2 keeps its session.
    for (auto h : registry.sessions_of(a1)) registry.remove(h);
    registry.forget(a1);
    EXPECT_TRUE(registry.sessions_of(a1).empty());
    EXPECT_TRUE(registry.owned_by(11, a2));
}
