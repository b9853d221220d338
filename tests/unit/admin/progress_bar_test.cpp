// craton-hsm-admin's progress bar (tools/admin/progress_bar.cpp) drawn into a string stream
// with a hand-driven clock: what a redraw shows, that redraws are throttled to the interval,
// that finish() shows the final position and ends the line exactly once, and when a bar is
// wanted at all.
#include "progress_bar.h"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace craton::admin {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    ProgressBar::Clock fn() {
        return [this] { return now; };
    }
};

// The frames drawn so far: the text between successive '\r'.
std::vector<std::string> frames(const std::string& out) {
    std::vector<std::string> result;
    std::size_t pos = out.find('\r');
    while (pos != std::string::npos) {
        const std::size_t next = out.find('\r', pos + 1);
        result.push_back(out.substr(pos + 1, next == std::string::npos ? next : next - pos - 1));
        pos = next;
    }
    return result;
}

TEST(ProgressBarTest, ShowsLabelPercentAndFilledCells) {
    std::ostringstream out;
    FakeClock clock;
    ProgressBar bar(out, "backup", 100ms, clock.fn());
    bar.update(1, 4);
    EXPECT_EQ(out.str(), "\rbackup [" + std::string(7, '#') + std::string(23, '.') + "] 25%");
    clock.now += 1s;
    bar.update(3, 4);
    EXPECT_EQ(frames(out.str()).back(),
              "backup [" + std::string(22, '#') + std::string(8, '.') + "] 75%");
    clock.now += 1s;
    bar.update(4, 4);
    EXPECT_EQ(frames(out.str()).back(), "backup [" + std::string(30, '#') + "] 100%");
}

TEST(ProgressBarTest, RoundsDownSoHundredMeansDone) {
    std::ostringstream out;
    FakeClock clock;
    ProgressBar bar(out, "verify", 100ms, clock.fn());
    bar.update(999, 1000);
    EXPECT_NE(out.str().find("] 99%"), std::string::npos) << out.str();
}

TEST(ProgressBarTest, RedrawsAtMostOncePerInterval) {
    std::ostringstream out;
    FakeClock clock;
    ProgressBar bar(out, "x", 100ms, clock.fn());
    for (int i = 1; i <= 1000; ++i) {
        bar.update(static_cast<std::uint64_t>(i), 1000);
        clock.now += 1ms;  // 1000 updates over one second
    }
    const auto drawn = frames(out.str());
    // The first update draws, then one per 100 ms: 10 or 11 frames, never one per update.
    EXPECT_GE(drawn.size(), 10U);
    EXPECT_LE(drawn.size(), 11U);
    EXPECT_EQ(out.str().find('\n'), std::string::npos) << "no newline before finish()";
}

TEST(ProgressBarTest, FinishDrawsTheLastPositionAndEndsTheLineOnce) {
    std::ostringstream out;
    FakeClock clock;
    {
        ProgressBar bar(out, "restore", 100ms, clock.fn());
        bar.update(1, 10);
        bar.update(10, 10);  // inside the interval: not drawn yet
        EXPECT_EQ(frames(out.str()).back().find("100%"), std::string::npos);
        bar.finish();
        bar.finish();
        bar.update(5, 10);  // after finish: ignored
    }                       // the destructor must not add a second newline
    const std::string text = out.str();
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
    EXPECT_NE(frames(text).back().find("100%"), std::string::npos) << text;
}

TEST(ProgressBarTest, DestructorEndsAnUnfinishedLine) {
    std::ostringstream out;
    {
        ProgressBar bar(out, "verify");
        bar.update(3, 10);
    }
    EXPECT_EQ(out.str().back(), '\n');
    EXPECT_NE(out.str().find("30%"), std::string::npos);
}

TEST(ProgressBarTest, NeverUpdatedPrintsNothing) {
    std::ostringstream out;
    {
        ProgressBar bar(out, "backup");
        bar.finish();
    }
    EXPECT_EQ(out.str(), "");
}

TEST(ProgressBarTest, NothingToDoIsComplete) {
    std::ostringstream out;
    ProgressBar bar(out, "backup");
    bar.update(0, 0);
    EXPECT_NE(out.str().find("100%"), std::string::npos);
}

TEST(ProgressBarTest, WantedOnlyOnATerminalUnlessForced) {
    EXPECT_TRUE(progress_wanted(ProgressMode::Auto, true, true));
    EXPECT_FALSE(progress_wanted(ProgressMode::Auto, false, true));
    EXPECT_FALSE(progress_wanted(ProgressMode::Auto, true, false));
    EXPECT_FALSE(progress_wanted(ProgressMode::Auto, false, false));
    EXPECT_TRUE(progress_wanted(ProgressMode::Always, false, false));
    EXPECT_FALSE(progress_wanted(ProgressMode::Never, true, true));
}

}  // namespace
}  // namespace craton::admin
