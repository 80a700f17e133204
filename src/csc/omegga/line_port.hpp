#pragma once
// The only way the Omegga adapter reaches Omegga: it sends whole lines. The
// application implements this over stdout (net::stdio_lines); tests record lines.

#include <functional>
#include <string>

namespace csc::omegga {

class line_port {
public:
    virtual ~line_port() = default;

    /// Queues one line (without its newline) for Omegga, in order.
    virtual void send_line(std::string line) = 0;
    /// Calls `done` once every line queued before this call has been written (or dropped
    /// because the output is gone).
    virtual void flush(std::function<void()> done) = 0;
    /// False once the output is gone (Omegga stopped reading): logs then go to stderr.
    virtual bool is_open() const = 0;
};

} // namespace csc::omegga
