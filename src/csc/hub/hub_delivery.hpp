#pragma once
// Private to the hub layer: acknowledged delivery (docs/delivery.md) for the links that
// announced `delivery`, and for the hub's own server.
//
//   accepted packet (a delivery link's id checked against its handshake, or the hub's own)
//     -> dedupe: a duplicate is only acknowledged again
//     -> collected; the first of a turn posts flush()
//   flush():  append the turn's packets to the log (one transaction)
//             -> each packet, stamped with its position: to every resumed delivery link's
//                cursor (send / skip / catch up), to the other links without the extension
//                fields, to the hub's own players
//             -> ack every link that sent something this turn (highest seq in the log)
//   resume:   a cursor per link; replay in bounded batches through its write queue
//   liveness: a timer per delivery link: ping an idle link, close a silent one

#include "csc/core/server_directory.hpp"
#include "csc/delivery/dedupe.hpp"
#include "csc/delivery/hub_log.hpp"
#include "csc/delivery/liveness.hpp"
#include "csc/delivery/resume.hpp"
#include "csc/delivery/status.hpp"
#include "csc/hub/hub.hpp"
#include "csc/protocol/packet.hpp"

#include <asio/steady_timer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace csc::hub {

/// What the hub knows of a link that announced `delivery`.
struct delivery_link {
    std::string origin;        ///< from its handshake
    std::int64_t session = 0;  ///< from its handshake
    std::optional<delivery::resume_cursor> cursor; ///< set once its `resume` arrived
    std::optional<delivery::liveness> alive;
    std::shared_ptr<asio::steady_timer> liveness_timer;
    std::shared_ptr<asio::steady_timer> replay_timer;
    bool ack_due = false;      ///< it sent packets this turn: ack after the flush
    bool replay_scheduled = false;
};

/// One packet accepted this turn, not yet in the log (its log record is kept beside it, in
/// delivery_state::pending_records, so the batch is appended without a copy).
struct pending_packet {
    protocol::packet packet;      ///< cleaned, its identifier and delivery stamp set
    core::server sender;          ///< who sent it (for the hub's own players)
};

/// The hub's delivery state (one per hub).
struct delivery_state {
    std::unique_ptr<delivery::hub_log> log;
    delivery::dedupe seen;
    /// Highest seq in the log per origin, for its newest session: {session, seq}.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>, std::less<>> held;
    /// The current link identifier of each connected origin (the hub's own is 0).
    std::map<std::string, protocol::identifier, std::less<>> origin_ids;
    /// An identifier per origin for its logged packets sent while it is not connected:
    /// allocated like a link's (above every live one), never reused in the hub's lifetime.
    std::map<std::string, protocol::identifier, std::less<>> absent_ids;
    std::vector<pending_packet> pending;
    /// The log records of `pending`, in the same order: ids and the payloads the log keeps.
    std::vector<delivery::log_record> pending_records;
    /// A logged packet encoded with its position, for the links that get it live.
    std::string stamped;
    /// An `ack` encoded for one link.
    std::string ack_bytes;
    bool flush_posted = false;
    std::string self_origin;
    std::int64_t self_session = 1;
    std::int64_t self_seq = 0;
    delivery::status counters; ///< appends, records, largest batch, duplicates
};

} // namespace csc::hub
