#include "csc/omegga/help.hpp"

#include "csc/omegga/line_parts.hpp"
#include "csc/omegga/player_lines.hpp"

namespace csc::omegga {

std::vector<std::string> help_lines(std::string_view own_color, bool authorized) {
    const std::string open = detail::color_open(own_color);
    std::vector<std::string> lines{open + "<b>Cross-server chat commands:</></>"};
    for (const help_entry& e : help_entries) {
        if (e.authorized_only && !authorized) {
            continue;
        }
        lines.push_back(detail::concat(
            {open, e.usage, "</> <color=\"", muted_color, "\">", e.summary, "</>"}));
    }
    return lines;
}

} // namespace csc::omegga
