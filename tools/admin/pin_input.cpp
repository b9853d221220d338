#include "pin_input.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace craton::admin {
namespace {

void strip_newline(SecureBytes& pin) {
    while (!pin.empty() && (pin.back() == '\n' || pin.back() == '\r')) pin.pop_back();
}

SecureBytes from_terminal(const std::string& prompt) {
    if (!isatty(STDIN_FILENO)) {
        throw std::runtime_error("no PIN: give --pin-file or --pin-env, or run on a terminal");
    }
    std::cerr << prompt << ": " << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    SecureBytes pin;
    for (int c; (c = std::getchar()) != EOF && c != '\n';)
        pin.push_back(static_cast<std::uint8_t>(c));
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
    return pin;
}

}  // namespace

void add_pin_options(CLI::App* cmd, PinSource& source, const std::string& what) {
    cmd->add_option("--pin-file", source.file, "Read the " + what + " from this file (first line)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--pin-env", source.env,
                    "Read the " + what + " from this environment variable");
}

SecureBytes read_pin(const PinSource& source, const std::string& prompt) {
    SecureBytes pin;
    if (!source.file.empty()) {
        std::ifstream in(source.file, std::ios::binary);
        if (!in) throw std::runtime_error(source.file + ": cannot be read");
        for (int c; (c = in.get()) != EOF && c != '\n';)
            pin.push_back(static_cast<std::uint8_t>(c));
    } else if (!source.env.empty()) {
        const char* value = std::getenv(source.env.c_str());
        if (value == nullptr) throw std::runtime_error("$" + source.env + " is not set");
        pin.assign(value, value + std::char_traits<char>::length(value));
    } else {
        pin = from_terminal(prompt);
    }
    strip_newline(pin);
    if (pin.empty()) throw std::runtime_error("empty PIN");
    return pin;
}

}  // namespace craton::admin
