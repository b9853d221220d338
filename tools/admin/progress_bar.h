// A one-line progress bar for craton-hsm-admin's long operations (backup, restore, audit
// verify). It redraws in place with '\r' on a stream the caller chooses (stderr in the tool,
// a string stream in tests), at most once per interval so a fast loop does not flood a slow
// terminal, and ends its line with finish() (or its destructor, so an error message that
// follows starts on a fresh line). Whether to draw at all is decided by progress_wanted():
// scripts and tests that redirect the output must see exactly what they saw before.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace craton::admin {

enum class ProgressMode { Auto, Always, Never };

// Always and Never are the --progress / --no-progress flags; Auto draws only when both
// standard output and standard error are terminals (`stdout_tty`, `stderr_tty`: isatty of
// each, passed in so the decision can be tested).
bool progress_wanted(ProgressMode mode, bool stdout_tty, bool stderr_tty);
// The same with the real isatty() results.
bool progress_wanted(ProgressMode mode);

class ProgressBar {
  public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    ProgressBar(
        std::ostream& out, std::string label,
        std::chrono::milliseconds min_interval = std::chrono::milliseconds(100),
        Clock clock = [] { return std::chrono::steady_clock::now(); });
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Records the position; redraws when the interval since the last redraw has passed.
    void update(std::uint64_t done, std::uint64_t total);
    // Draws the last position (whatever the interval) and ends the line; later calls do
    // nothing. A bar that was never updated prints nothing at all.
    void finish();
    // The text of one redraw, without the leading '\r' (for tests and for finish()).
    std::string render() const;
    // A callback for the core's ProgressFn parameters, updating this bar.
    std::function<void(std::uint64_t, std::uint64_t)> callback();

  private:
    void draw();

    std::ostream& out_;
    std::string label_;
    std::chrono::milliseconds min_interval_;
    Clock clock_;
    std::uint64_t done_ = 0;
    std::uint64_t total_ = 0;
    bool drawn_ = false;
    std::uint64_t drawn_done_ = 0;  // the position on screen
    std::uint64_t drawn_total_ = 0;
    bool finished_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace craton::admin
