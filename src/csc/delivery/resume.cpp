#include "csc/delivery/resume.hpp"

#include <utility>

namespace csc::delivery {

namespace {
constexpr std::pair<resume_outcome, std::string_view> outcome_names[] = {
    {resume_outcome::resumed, "resumed"},
    {resume_outcome::fresh, "fresh"},
    {resume_outcome::trimmed, "trimmed"},
    {resume_outcome::epoch_changed, "epoch_changed"},
    {resume_outcome::bad_position, "bad_position"},
};
} // namespace

std::string_view outcome_name(resume_outcome outcome) noexcept {
    for (const auto& [value, name] : outcome_names) {
        if (value == outcome) {
            return name;
        }
    }
    return "fresh";
}

std::optional<resume_outcome> parse_outcome(std::string_view name) noexcept {
    for (const auto& [value, known] : outcome_names) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

bool history_lost(resume_outcome outcome) noexcept {
    return outcome == resume_outcome::trimmed || outcome == resume_outcome::epoch_changed ||
           outcome == resume_outcome::bad_position;
}

resume_cursor::resume_cursor(const hub_log& log, const resume_request& request) : log_(log) {
    const position first = log.first_position();
    const position last = log.last_position();
    if (request.log_epoch.empty()) {
        outcome_ = resume_outcome::fresh;
        cursor_ = last;
    } else if (request.log_epoch != log.log_epoch()) {
        outcome_ = resume_outcome::epoch_changed;
        cursor_ = first - 1;
    } else if (request.applied > last) {
        outcome_ = resume_outcome::bad_position;
        cursor_ = last;
    } else if (request.applied + 1 < first) {
        outcome_ = resume_outcome::trimmed;
        lost_ = first - 1 - request.applied;
        cursor_ = first - 1;
    } else {
        outcome_ = resume_outcome::resumed;
        cursor_ = request.applied;
    }
    live_ = cursor_ == last;
}

std::error_code resume_cursor::next_batch(std::size_t max_entries, std::vector<log_entry>& out) {
    out.clear();
    if (live_) {
        return {};
    }
    if (cursor_ + 1 < log_.first_position()) {
        // Retention moved on while this link was replaying slowly: skip what is gone.
        lost_ += log_.first_position() - 1 - cursor_;
        cursor_ = log_.first_position() - 1;
        if (outcome_ == resume_outcome::resumed) {
            outcome_ = resume_outcome::trimmed;
        }
    }
    if (const auto ec = log_.replay_after(cursor_, max_entries, out)) {
        return ec;
    }
    if (!out.empty()) {
        cursor_ = out.back().pos;
    }
    live_ = cursor_ >= log_.last_position();
    return {};
}

live_action resume_cursor::on_appended(position pos) noexcept {
    if (!live_ || pos <= cursor_) {
        return live_action::skip;
    }
    if (pos != cursor_ + 1) {
        live_ = false;
        return live_action::catch_up;
    }
    cursor_ = pos;
    return live_action::send;
}

} // namespace csc::delivery
