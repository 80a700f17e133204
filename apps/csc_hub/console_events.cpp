#include "console_events.hpp"

namespace csc::apps {
namespace {

std::string prefix_of(const core::server& s) { return one_line(s.info.prefix); }
std::string name_of(const core::server& s) { return one_line(s.info.name); }

} // namespace

std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            c = ' ';
        }
    }
    return out;
}

void console_events::on_server_connected(const core::server& s, std::int64_t player_count) {
    log_.info(prefix_of(s) + " " + name_of(s) + " has connected to chat with " +
              std::to_string(player_count) + " players online.");
}

void console_events::on_server_disconnected(const core::server& s) {
    log_.info(prefix_of(s) + " " + name_of(s) + " has disconnected from chat.");
}

void console_events::on_player_joined(const core::server& s, const std::string& username) {
    log_.info(prefix_of(s) + " " + one_line(username) + " has joined " + name_of(s) + ".");
}

void console_events::on_player_left(const core::server& s, const std::string& username) {
    log_.info(prefix_of(s) + " " + one_line(username) + " has left " + name_of(s) + ".");
}

void console_events::on_message(const core::server& s, const std::string& username,
                                const std::string& content, bool /*sanitized*/) {
    if (!chat_lines_) {
        return;
    }
    log_.debug(prefix_of(s) + " " + one_line(username) + ": " + one_line(content));
}

} // namespace csc::apps
