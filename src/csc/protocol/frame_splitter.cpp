#include "csc/protocol/frame_splitter.hpp"

#include "csc/protocol/errc.hpp"
#include "csc/protocol/json_text.hpp"
#include "csc/protocol/plain_chat.hpp"

#include <bit>

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
    plain_taken_ = false;
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
        // A chat packet in the encoder's own layout (most of what a hub reads) has no quote
        // or backslash inside its strings and no brace outside them but its own: it ends at
        // the closing brace the plain-layout recogniser finds, which is where the walk below
        // would end it too, at half the walk's cost.
        if (detail::match_plain_chat(std::string_view(buffer_).substr(consumed_), plain_) &&
            plain_.end <= max_frame_) {
            frame = std::string_view(buffer_).substr(consumed_, plain_.end);
            consumed_ += plain_.end;
            plain_taken_ = true;
            plain_frame_ = frame.data();
            return status::frame;
        }
    }
    const std::size_t start = consumed_;
    const std::string_view bytes = buffer_;
    std::size_t i = start + scanned_;
    // Only quotes, backslashes, braces and brackets matter: take the positions of all of
    // them in a block of sixteen bytes at once, then walk those positions.
    std::size_t skip = escaped_ ? i + 1 : 0; ///< events before it are escaped: ignored
    for (; i < bytes.size(); i += detail::block) {
        for (unsigned events = detail::structural_events(bytes, i); events != 0;
             events &= events - 1) {
            const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(events));
            if (at < skip) {
                continue;
            }
            const char c = bytes[at];
            if (in_string_) {
                if (c == '\\') {
                    skip = at + 2;
                } else if (c == '"') {
                    in_string_ = false;
                }
                continue;
            }
            if (c == '"') {
                in_string_ = true;
            } else if (c == '{' || c == '[') {
                if (++depth_ > max_depth) {
                    error_ = errc::nesting_too_deep;
                    return status::error;
                }
            } else if (c == '}' || c == ']') {
                if (--depth_ == 0) {
                    if (c != '}') { // the outer '{' closed by ']': not an object (found by fuzzing)
                        error_ = errc::garbage;
                        return status::error;
                    }
                    const std::size_t len = at + 1 - start;
                    if (len > max_frame_) {
                        error_ = errc::frame_too_long;
                        return status::error;
                    }
                    frame = bytes.substr(start, len);
                    consumed_ = at + 1;
                    scanned_ = 0;
                    escaped_ = false;
                    return status::frame;
                }
                if (depth_ < 0) {
                    error_ = errc::garbage;
                    return status::error;
                }
            } // a backslash outside strings: not JSON, left to the decoder
        }
    }
    i = bytes.size();
    escaped_ = skip > i; // the byte after a final backslash has not arrived yet
    scanned_ = i - start;
    if (scanned_ > max_frame_) {
        error_ = errc::frame_too_long;
        return status::error;
    }
    return status::need_more;
}

} // namespace csc::protocol
