#pragma once
// Cuts a TCP byte stream into JSON object frames, sans I/O.
//
// Accepts objects separated by newlines (what we send) and objects written back
// to back with nothing between them (what the original plugin sends), split or
// merged anywhere by TCP. It tracks brace depth and strings, so it never parses JSON.

#include "csc/protocol/plain_chat.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

namespace csc::protocol {

/// Default cap on one frame, in bytes.
inline constexpr std::size_t default_max_frame = 16 * 1024;

class frame_splitter {
public:
    enum class status { frame, need_more, error };

    explicit frame_splitter(std::size_t max_frame = default_max_frame);

    /// Appends received bytes.
    void feed(std::string_view bytes);

    /// Extracts the next complete frame into `frame` (valid until the next feed/next call).
    /// After `error`, the stream is unusable: close the link (error() says why).
    status next(std::string_view& frame);

    /// What the last next() found of `frame` when it cut it as a chat packet in the
    /// encoder's own layout (detail::match_plain_chat), else null: decode_into(frame, out,
    /// splitter) uses it instead of recognising the frame a second time. Valid until the
    /// next feed() or next(); null for any other view than the frame next() gave.
    const detail::plain_chat_frame* last_plain(std::string_view frame) const noexcept {
        return plain_taken_ && frame.data() == plain_frame_ && frame.size() == plain_.end
                   ? &plain_
                   : nullptr;
    }

    /// Why the last next() returned `error`.
    std::error_code error() const noexcept { return error_; }

    /// Bytes buffered but not yet returned as a frame.
    std::size_t buffered() const noexcept { return buffer_.size() - consumed_; }

    std::size_t max_frame() const noexcept { return max_frame_; }

private:
    std::string buffer_;
    detail::plain_chat_frame plain_;    ///< what the last next() recognised, if plain_taken_
    const char* plain_frame_ = nullptr; ///< the frame it describes
    bool plain_taken_ = false;
    std::size_t consumed_ = 0;  ///< bytes of buffer_ already returned
    std::size_t scanned_ = 0;   ///< bytes of the current frame already scanned
    std::size_t max_frame_;
    int depth_ = 0;
    bool in_string_ = false;
    bool escaped_ = false;
    std::error_code error_;
};

} // namespace csc::protocol
