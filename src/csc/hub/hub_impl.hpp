#pragma once
// Private to the hub layer: the state behind csc::hub::hub, shared with its running
// coroutines and callbacks (which hold it weakly, so the hub's destructor ends it).
//
//   listen():      bind + listen -> co_spawn(accept_loop)
//   accept_loop(): async_accept -> on_accepted(socket) -> repeat, until the acceptor closes
//   on_accepted(): link N gets a net::frame_session; its frames go to on_frame(N)
//   on_frame():    handshake -> [challenge -> auth proof] -> acknowledge + connection to
//                  others; join/leave/message -> flood budget -> validated -> relay
//   handshake timer (hub_guard.cpp): a link not acknowledged in time is closed
//   on_closed():   marks the link closed now, then (posted) announces its disconnect
//   retry timer:   start()/reconnect() call listen() again every 5 s while binding fails
//
// One io_context thread: no strands, no locks.

#include "csc/auth/hub_auth.hpp"
#include "csc/core/flood_control.hpp"
#include "csc/core/player_directory.hpp"
#include "csc/hub/hub.hpp"
#include "csc/hub/hub_delivery.hpp"
#include "csc/net/frame_session.hpp"
#include "csc/net/tls_context.hpp"
#include "csc/protocol/codec.hpp"

#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csc::hub {

/// Wait between attempts to bind when the port is taken.
inline constexpr std::chrono::seconds listen_retry_interval{5};
/// Pause after a failed accept (e.g. out of file descriptors), so the loop cannot spin.
inline constexpr std::chrono::milliseconds accept_error_pause{100};

/// One accepted TCP connection.
struct hub_link {
    protocol::identifier id = 0;
    std::shared_ptr<net::frame_session> session;
    std::string peer;          ///< "ADDR:PORT", for log lines
    bool handshaken = false;   ///< completed a version-1 handshake
    bool extensions = false;   ///< announced `features`: may receive extension fields
    bool players = false;      ///< announced feature `players` (hub_players.cpp)
    bool closed = false;       ///< closed (its disconnect may still be pending)
    std::string close_note;    ///< why we closed it, when we did
    core::server entry;        ///< valid once handshaken
    std::optional<auth::hub_auth> auth;        ///< set by its handshake
    protocol::handshake hello;                 ///< its handshake, kept during authentication
    std::shared_ptr<asio::steady_timer> timer; ///< the handshake timeout, while pending
    std::optional<core::flood_guard> flood;    ///< its budgets, once handshaken
    std::unique_ptr<delivery_link> delivery;   ///< set when it was granted `delivery`
};

struct hub::impl : std::enable_shared_from_this<impl> {
    impl(asio::any_io_executor ex, hub_config cfg, core::chat_events& ev, core::logger& lg);

    // listening (hub.cpp)
    std::error_code listen();
    void listen_or_retry();
    /// True when a TLS certificate or key is configured.
    bool tls_configured() const;
    /// Loads the TLS context once when configured; logs and returns why it cannot.
    std::error_code load_tls();
    void schedule_retry(std::chrono::steady_clock::duration delay);
    void close_acceptor();
    /// Closes every link; `notify`: log it and report handshaken ones to the events.
    void drop_links(bool notify);
    static asio::awaitable<void> accept_loop(std::weak_ptr<impl> weak,
                                             std::shared_ptr<asio::ip::tcp::acceptor> acceptor);

    // links (hub_links.cpp)
    void on_accepted(asio::ip::tcp::socket socket);
    /// Logs a link refused because its TLS handshake failed (called as its session closes).
    void on_tls_failure(protocol::identifier id, std::error_code reason);
    void on_frame(protocol::identifier id, std::string_view frame);
    void on_closed(protocol::identifier id, std::error_code reason);
    void finish_close(protocol::identifier id);
    void on_handshake(hub_link& link, const protocol::handshake& h);

    // bounds, authentication, flood control (hub_guard.cpp)
    /// Whether an accepted socket may become a link (max_links, max_pending_handshakes);
    /// closes it with a log line if not.
    bool admit(asio::ip::tcp::socket& socket);
    /// The limits of a new link's session (frame cap, queue cap).
    net::session_limits link_limits() const;
    /// Closes `link` if it has not been acknowledged within handshake_timeout.
    void start_handshake_timer(hub_link& link);
    /// A valid version-1 handshake arrived: authenticate the link, or admit it at once.
    void begin_auth(hub_link& link, const protocol::handshake& h, std::string_view frame);
    /// A frame of a link that was challenged and owes its proof.
    void on_auth_frame(hub_link& link, std::string_view frame);
    /// Charges a join/leave/message of `bytes` to the link's budgets; false: drop it.
    bool within_budget(hub_link& link, std::size_t bytes);
    /// Like refuse(), but sends `last_words` (a `refused` packet) before closing.
    void refuse_after(hub_link& link, const std::string& why, std::string last_words);
    /// Relays a join/leave/message `from` sent as `frame` (`plain`: what decode proved of it):
    /// stamped, cleaned, logged or sent.
    void relay(hub_link& from, protocol::packet& p, std::string_view frame,
               const protocol::plain_layout& plain);
    void deliver_host_event(const core::server& from, const protocol::packet& p);
    /// Sends `p` to every open handshaken link except `except`, encoded once per variant
    /// (`to_delivery_links` false: not to links granted `delivery`, which get the log's copy),
    /// after whatever the relay run holds.
    void broadcast(const protocol::packet& p, protocol::identifier except,
                   bool to_delivery_links = true);
    /// Sends `bytes` to `link` after whatever the relay run holds (hub_broadcast.cpp).
    void send_to(hub_link& link, std::string_view bytes);
    /// Adds `frame` from `from`, read in the encoder's layout (`plain`) and unchanged by
    /// validation, to the relay run with `from`'s identifier: for every other link, handed
    /// out when the read it came in is done or before any other send.
    void add_to_run(protocol::identifier from, std::string_view frame,
                    const protocol::plain_layout& plain);
    /// Copies the relay run to each open handshaken link but its sender, and empties it.
    void flush_run();
    /// Forgets the relay run (the links are being dropped).
    void discard_run();
    /// An empty buffer for a new relay run: a spare one no session holds, or a new one.
    std::shared_ptr<std::string> run_buffer();
    /// Closes a link we decided to drop, with a warning naming why.
    void refuse(hub_link& link, const std::string& why);
    /// "link 3 (Name)" once handshaken, else "link 3 (ADDR:PORT)".
    static std::string describe(const hub_link& link);
    void rebuild_directory();

    // feature players (hub_players.cpp)
    /// True when `link` announced players; else logs that its `what` is ignored.
    bool takes_players(const hub_link& link, std::string_view what);
    /// Right after `link`'s acknowledge: every known player list, if it announced players.
    void send_player_lists(hub_link& link);
    /// A list from `from`: stamped, cleaned, kept, relayed to the links that take lists.
    void on_players(hub_link& from, protocol::players p);
    /// A whisper from server `w.id` (stamped by the caller): to its target only.
    void route_whisper(protocol::whisper w);
    /// A whisper status from server `s.id` (stamped by the caller): to its target only.
    void route_status(protocol::whisper_status s);
    /// Sends `p` to every open link that announced players, except `except`.
    void send_to_player_links(const protocol::packet& p, protocol::identifier except);
    /// The open handshaken link `id` that announced players, or nullptr.
    hub_link* find_player_link(protocol::identifier id);
    /// Our own server's entry, or the handshaken link's, or {id, {}}.
    core::server server_of(protocol::identifier id) const;
    hub_link* find_open(protocol::identifier id);

    // acknowledged delivery (hub_delivery.cpp, hub_replay.cpp)
    /// Opens the configured log (or a memory log) and feeds the dedupe from it.
    void open_delivery_log();
    /// Grants `delivery` in `ack` to a handshake that asked for it with a valid id.
    void grant_delivery(hub_link& link, const protocol::handshake& h, protocol::acknowledge& ack);
    /// After the acknowledge: the first ack, liveness.
    void start_delivery(hub_link& link);
    /// A frame arrived from a handshaken delivery link (liveness).
    void heard(hub_link& link);
    /// ack/resume/ping/pong from a delivery link; false for everything else.
    bool on_delivery_packet(hub_link& link, const protocol::packet& p);
    /// A cleaned join/leave/message: true when the log took it (or dropped it), false to
    /// relay it best effort (its stamp removed).
    bool take_for_log(hub_link& from, protocol::packet& p);
    /// The hub's own join/leave/message: stamped with its own id and logged.
    void log_own(protocol::packet p);
    void accept_for_log(protocol::packet p, const core::server& sender);
    /// Appends what this turn accepted, relays it and acks its senders.
    void flush_delivery();
    void deliver_logged(pending_packet& item, delivery::position pos);
    void send_acks();
    void on_resume(hub_link& link, const protocol::resume& r);
    void pump_replay(protocol::identifier id);
    void schedule_replay(hub_link& link, bool wait);
    void arm_liveness(protocol::identifier id);
    void end_delivery(hub_link& link);
    /// Encodes a log entry for a link: its position and its origin's current identifier.
    std::string encode_entry(const delivery::log_entry& e);
    /// The identifier the hub shows origin `origin` by while it is not connected.
    protocol::identifier absent_id(const std::string& origin);

    asio::any_io_executor executor;
    hub_config config;
    core::chat_events& events;
    core::logger& log;

    std::shared_ptr<asio::ip::tcp::acceptor> acceptor; ///< the current one, if listening
    std::shared_ptr<asio::ssl::context> tls; ///< set when TLS is configured and loaded
    asio::steady_timer retry_timer;
    std::uint64_t generation = 0; ///< bumped by stop()/reconnect(): stale timers do nothing
    bool stopped = true;          ///< before start() and after stop()
    bool detached = false;        ///< the hub object is gone: never call events again

    delivery_state dlv; ///< before `links`: their cursors read its log
    std::map<protocol::identifier, std::shared_ptr<hub_link>> links; ///< by id = accept order
    protocol::identifier next_id = 1;
    std::int64_t player_count = 0;
    std::uint64_t refused_at_accept = 0; ///< refused since the last one admitted (log once)
    core::server self_entry;
    core::server_directory directory;
    core::player_directory players; ///< per server that announced players; 0 once we sent ours
    /// broadcast(): the packet encoded as plain, extended, and extended with player ids.
    std::array<std::string, 3> encoded;
    /// on_frame(): the decoded frame, kept so its strings are reused by the next one.
    protocol::decode_result kept_decode;
    bool decoding = false; ///< on_frame() is using kept_decode
    /// Frames relayed as they came from one sender, not yet handed to the other links.
    struct relay_run {
        protocol::identifier from = 0;
        std::shared_ptr<std::string> bytes; ///< null while empty
        std::vector<std::size_t> ends;      ///< where each frame of `bytes` ends
        std::vector<std::size_t> sending_ends; ///< `ends` while flush_run() hands them out
        /// Buffers of earlier runs, reused once no session holds them any more.
        std::vector<std::shared_ptr<std::string>> spare;
    } run;
};

/// True when encoding `p` with and without extensions gives different bytes.
bool has_extension_fields(const protocol::packet& p);

/// `text` made safe for one log line: control characters become spaces, at most 80 bytes.
std::string printable(std::string_view text);

} // namespace csc::hub
