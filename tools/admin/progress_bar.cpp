#include "progress_bar.h"

#include <unistd.h>

#include <algorithm>

namespace craton::admin {
namespace {

constexpr int kWidth = 30;  // cells of the bar itself; the whole line stays under 80 columns

}  // namespace

bool progress_wanted(ProgressMode mode, bool stdout_tty, bool stderr_tty) {
    switch (mode) {
        case ProgressMode::Always:
            return true;
        case ProgressMode::Never:
            return false;
        case ProgressMode::Auto:
            break;
    }
    // Both: a terminal on stderr with stdout going to a file or pipe is a script collecting
    // the result, and the bar would only interleave with its other messages.
    return stdout_tty && stderr_tty;
}

bool progress_wanted(ProgressMode mode) {
    return progress_wanted(mode, ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1);
}

ProgressBar::ProgressBar(std::ostream& out, std::string label,
                         std::chrono::milliseconds min_interval, Clock clock)
    : out_(out), label_(std::move(label)), min_interval_(min_interval), clock_(std::move(clock)) {}

ProgressBar::~ProgressBar() {
    try {
        finish();
    } catch (...) {  // a destructor must not throw; the stream is only a display
    }
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
    if (finished_) return;
    done_ = std::min(done, total);
    total_ = total;
    const auto now = clock_();
    if (!drawn_ || now - last_draw_ >= min_interval_) {
        last_draw_ = now;
        draw();
    }
}

void ProgressBar::finish() {
    if (finished_) return;
    finished_ = true;
    // Never updated: the operation failed before it started (a wrong PIN), and an empty bar
    // above the error message would only suggest it had begun.
    if (!drawn_) return;
    // The last update may already be on screen; drawing it again would only flicker.
    if (drawn_done_ != done_ || drawn_total_ != total_) draw();
    out_ << '\n' << std::flush;
}

std::string ProgressBar::render() const {
    // An operation with nothing to do is complete, not 0 %.
    const std::uint64_t percent = total_ == 0 ? 100 : done_ * 100 / total_;
    const auto filled = static_cast<int>(total_ == 0 ? kWidth : done_ * kWidth / total_);
    std::string line = label_ + " [";
    line.append(static_cast<std::size_t>(filled), '#');
    line.append(static_cast<std::size_t>(kWidth - filled), '.');
    line += "] " + std::to_string(percent) + "%";
    return line;
}

std::function<void(std::uint64_t, std::uint64_t)> ProgressBar::callback() {
    return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
}

void ProgressBar::draw() {
    drawn_ = true;
    drawn_done_ = done_;
    drawn_total_ = total_;
    out_ << '\r' << render() << std::flush;
}

}  // namespace craton::admin
