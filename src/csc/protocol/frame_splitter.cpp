#include "csc/protocol/frame_splitter.hpp"

#include "csc/protocol/errc.hpp"
#include "csc/protocol/json_text.hpp"

namespace csc::protocol {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// Deeper than any packet we know; the splitter refuses it before JSON parsing.
constexpr int max_depth = 64;

} // namespace

frame_splitter::frame_splitter(std::size_t max_frame) : max_frame_(max_frame) {}

void frame_splitter::feed(std::string_view bytes) {
    // Drop what was already handed out before growing the buffer.
    if (consumed_ > 0) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    buffer_.append(bytes);
}

frame_splitter::status frame_splitter::next(std::string_view& frame) {
    if (error_) {
        return status::error;
    }
    // Skip whitespace between frames (newline-delimited or not).
    if (scanned_ == 0) {
        while (consumed_ < buffer_.size() && is_space(buffer_[consumed_])) {
            ++consumed_;
        }
        if (consumed_ == buffer_.size()) {
            return status::need_more;
        }
        if (buffer_[consumed_] != '{') {
            error_ = errc::garbage;
            return status::error;
        }
    }
    const std::size_t start = consumed_;
    const std::string_view bytes = buffer_;
    std::size_t i = start + scanned_;
    while (i < bytes.size()) {
        if (in_string_) {
            if (escaped_) {
                escaped_ = false;
                ++i;
                continue;
            }
            // Inside a string only a quote or a backslash matters: skip to the next one.
            i = detail::find_quote_or_backslash(bytes, i);
            if (i == bytes.size()) {
                break;
            }
            if (bytes[i] == '\\') {
                escaped_ = true;
            } else {
                in_string_ = false;
            }
            ++i;
            continue;
        }
        // Outside strings only quotes, braces and brackets matter.
        i = detail::find_structural(bytes, i);
        if (i == bytes.size()) {
            break;
        }
        const char c = bytes[i];
        if (c == '"') {
            in_string_ = true;
        } else if (c == '{' || c == '[') {
            if (++depth_ > max_depth) {
                error_ = errc::nesting_too_deep;
                return status::error;
            }
        } else if (--depth_ == 0) { // '}' or ']'
            if (c != '}') { // the outer '{' closed by ']': not an object (found by fuzzing)
                error_ = errc::garbage;
                return status::error;
            }
            const std::size_t len = i + 1 - start;
            if (len > max_frame_) {
                error_ = errc::frame_too_long;
                return status::error;
            }
            frame = bytes.substr(start, len);
            consumed_ = i + 1;
            scanned_ = 0;
            return status::frame;
        } else if (depth_ < 0) {
            error_ = errc::garbage;
            return status::error;
        }
        ++i;
    }
    scanned_ = i - start;
    if (scanned_ > max_frame_) {
        error_ = errc::frame_too_long;
        return status::error;
    }
    return status::need_more;
}

} // namespace csc::protocol
