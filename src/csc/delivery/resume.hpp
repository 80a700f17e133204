#pragma once
// The hub's side of resume, for one link that announced `delivery`. The link says which log
// position it applied last (epoch, position); the hub replays what came after, in order, in
// bounded batches, then goes live. While replaying, live packets are not sent directly: they
// are in the log and the replay reaches them, so nothing overtakes anything.
//
//            start(request)
//                 │  outcome: resumed | fresh | trimmed | epoch_changed | bad_position
//                 v
//   ┌──────> replaying ── next_batch(): entries after the cursor ──┐
//   │             │ cursor == log.last_position()                   │
//   │             v                                                 │
//   │           live ── on_appended(pos): send if pos == cursor + 1 │
//   └── catch_up ◄──── a gap (pos > cursor + 1) ───────────────────┘

#include "csc/delivery/hub_log.hpp"

#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace csc::delivery {

/// What a link sends after the handshake: the last (epoch, position) it applied, if any.
struct resume_request {
    epoch log_epoch; ///< empty: the link has never applied anything (or forgot it)
    position applied = 0;
};

enum class resume_outcome {
    resumed,       ///< same epoch, nothing lost: replay what came after `applied`
    fresh,         ///< no position given: start live, no history
    trimmed,       ///< same epoch, but retention dropped entries it had not applied: some lost
    epoch_changed, ///< another epoch: the hub's log was replaced; replay all of the new one
    bad_position,  ///< a position after the log's last: impossible; start live
};

/// The wire name of an outcome (`resume` packet, field `outcome`): "resumed", "fresh", ...
std::string_view outcome_name(resume_outcome outcome) noexcept;
/// The outcome a wire name stands for; nullopt for a name we do not know.
std::optional<resume_outcome> parse_outcome(std::string_view name) noexcept;

/// True when the link should tell its players (or its log) that history was lost.
bool history_lost(resume_outcome outcome) noexcept;

enum class live_action {
    send,     ///< send this packet now
    skip,     ///< already sent by the replay (or replaying still): do not send
    catch_up, ///< a gap: the cursor went back to replaying; call next_batch()
};

class resume_cursor {
public:
    /// Decides where the link starts in `log` (which must outlive the cursor).
    resume_cursor(const hub_log& log, const resume_request& request);

    resume_outcome outcome() const noexcept { return outcome_; }
    /// Positions that retention (or a replaced log) took before the link could apply them;
    /// 0 when unknown (another epoch).
    position lost() const noexcept { return lost_; }
    bool live() const noexcept { return live_; }
    /// The last position sent (or skipped) to this link.
    position cursor() const noexcept { return cursor_; }

    /// The next entries to send while replaying (empty, and live() true, once caught up).
    /// On a read error the cursor stays where it was (try again, or close the link).
    std::error_code next_batch(std::size_t max_entries, std::vector<log_entry>& out);
    /// The hub appended `pos`: whether to send it to this link now.
    live_action on_appended(position pos) noexcept;

private:
    const hub_log& log_;
    resume_outcome outcome_ = resume_outcome::fresh;
    position cursor_ = 0;
    position lost_ = 0;
    bool live_ = false;
};

} // namespace csc::delivery
