#pragma once
// A tiny append-only JSON object writer for the encoder: no DOM, no allocation
// beyond the output string, and invalid UTF-8 written as U+FFFD instead of throwing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csc::protocol::detail {

class json_writer {
public:
    explicit json_writer(std::string& out) : out_(out) { out_.push_back('{'); }

    json_writer& field(std::string_view key, std::string_view value);
    json_writer& field(std::string_view key, std::int64_t value);
    json_writer& field(std::string_view key, bool value);
    json_writer& field(std::string_view key, const std::vector<std::string>& values);
    /// Starts a raw value for `key` (the caller appends valid JSON to out()).
    std::string& raw(std::string_view key);
    /// Closes the object and ends the line.
    void finish_line() { out_.append("}\n"); }

private:
    void key(std::string_view k);
    /// Writes `,"k":` (no comma first) at `at`, which has room; returns the bytes written.
    std::size_t put_key(char* at, std::string_view k) noexcept;
    std::string& out_;
    bool first_ = true;
};

/// Appends `text` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);

} // namespace csc::protocol::detail
