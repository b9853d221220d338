// The remote module's [remote] table: required keys, bounds, and the hold_inits switch.
#include <gtest/gtest.h>

#include <stdexcept>

#include "remote/remote_config.h"

using craton::remote::parse_remote_config;

namespace {

const char* const kMinimal = "[remote]\naddress = \"localhost:8443\"\nca = \"ca.pem\"\n";

TEST(RemoteConfig, DefaultsHoldInitsBackWithAThirtySecondDeadline) {
    const auto c = parse_remote_config(kMinimal, "t.toml");
    EXPECT_EQ(c.address, "localhost:8443");
    EXPECT_TRUE(c.hold_inits);
    EXPECT_EQ(c.deadline_ms, 30000u);
}

TEST(RemoteConfig, HoldInitsCanBeTurnedOffAndMustBeABoolean) {
    EXPECT_FALSE(
        parse_remote_config(std::string(kMinimal) + "hold_inits = false\n", "t.toml").hold_inits);
    EXPECT_THROW(parse_remote_config(std::string(kMinimal) + "hold_inits = \"no\"\n", "t.toml"),
                 std::runtime_error);
}

TEST(RemoteConfig, RefusesMissingOrUnknownKeysAndOutOfRangeDeadlines) {
    EXPECT_THROW(parse_remote_config("[remote]\nca = \"ca.pem\"\n", "t.toml"), std::runtime_error);
    EXPECT_THROW(parse_remote_config(std::string(kMinimal) + "colour = \"blue\"\n", "t.toml"),
                 std::runtime_error);
    EXPECT_THROW(parse_remote_config(std::string(kMinimal) + "deadline_ms = 0\n", "t.toml"),
                 std::runtime_error);
    // A float, even one beyond the integer range (its conversion would be undefined).
    EXPECT_THROW(parse_remote_config(std::string(kMinimal) + "deadline_ms = 1.6e85\n", "t.toml"),
                 std::runtime_error);
    EXPECT_THROW(parse_remote_config(std::string(kMinimal) + "client_cert = \"c.pem\"\n", "t.toml"),
                 std::runtime_error);
}

}  // namespace
