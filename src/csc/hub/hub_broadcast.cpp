// Sending to links: broadcast, the relay run, and send_to.
//
// Frames relayed as they came (docs/performance.md) from one sender are gathered into the
// relay run and handed to each recipient once per read of that sender, not once per frame:
// the sender's session calls flush_run() when the frames of a read are done. Sessions keep
// the run's buffer and write from it (no copy per recipient); it is reused once all have.
// Every other send goes through send_to() or broadcast(), which flush the run first, so each
// link still receives packets in the order the hub handled them.

#include "csc/hub/hub_impl.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/overloaded.hpp"
#include "csc/protocol/relay_bytes.hpp"

namespace csc::hub {
namespace {

/// Run buffers kept for reuse. A read's run is handed to every recipient's session, which
/// holds it until its write (normally later in the same turn of the io_context): a few are
/// in use at once, one per sender with bytes in that turn.
constexpr std::size_t max_spare_runs = 16;

using protocol::overloaded;

} // namespace

/// True when encoding `p` with and without extensions gives different bytes.
bool has_extension_fields(const protocol::packet& p) {
    return std::visit(overloaded{
                          [](const protocol::message& m) { return m.sanitized || !m.player_id.empty(); },
                          [](const protocol::join& j) { return !j.player_id.empty(); },
                          [](const protocol::leave& l) { return !l.player_id.empty(); },
                          [](const auto&) { return false; },
                      },
                      p);
}

void hub::impl::send_to(hub_link& link, std::string_view bytes) {
    flush_run();
    link.session->send(bytes);
}

void hub::impl::broadcast(const protocol::packet& p, protocol::identifier except,
                          bool to_delivery_links) {
    const bool differs = has_extension_fields(p);
    flush_run();
    // Encoded at most once per variant (plain, extended, extended with player ids) into
    // buffers the hub keeps, then copied into each recipient's pending output: no
    // allocation per delivery once the buffers have grown.
    std::array<bool, 3> ready{};
    // A send may close a slow link: on_closed only marks it (finish_close is posted), so
    // the map is not changed under this loop.
    for (const auto& [id, link] : links) {
        if (id == except || !link->handshaken || link->closed ||
            (!to_delivery_links && link->delivery)) {
            continue;
        }
        const bool ext = differs && link->extensions;
        const std::size_t variant = !ext ? 0 : (link->players ? 2 : 1);
        std::string& bytes = encoded[variant];
        if (!ready[variant]) {
            bytes.clear();
            protocol::encode_to(bytes, p, {.extensions = ext, .player_ids = link->players});
            ready[variant] = true;
        }
        link->session->send(bytes);
    }
}

void hub::impl::add_to_run(protocol::identifier from, std::string_view frame,
                           const protocol::plain_layout& plain) {
    if (run.bytes && run.from != from) {
        flush_run();
    }
    if (!run.bytes) {
        run.bytes = run_buffer();
        run.from = from;
    }
    protocol::append_with_identifier(*run.bytes, frame, plain, from);
    run.ends.push_back(run.bytes->size());
}

std::shared_ptr<std::string> hub::impl::run_buffer() {
    for (const auto& buffer : run.spare) {
        if (buffer.use_count() == 1) { // every session has written it
            buffer->clear();
            return buffer;
        }
    }
    auto buffer = std::make_shared<std::string>();
    if (run.spare.size() < max_spare_runs) {
        run.spare.push_back(buffer);
    }
    return buffer;
}

void hub::impl::flush_run() {
    if (!run.bytes) {
        return;
    }
    // Taken out first: a send that closes a slow link calls back into the hub, and
    // anything it sent would otherwise flush this run a second time.
    const net::shared_bytes bytes = std::move(run.bytes); // leaves run.bytes null
    run.sending_ends.swap(run.ends);
    run.ends.clear();
    for (const auto& [id, link] : links) {
        if (id == run.from || !link->handshaken || link->closed) {
            continue;
        }
        if (link->extensions) {
            link->session->send(bytes); // kept, not copied, until the write
            continue;
        }
        // An original peer gets each frame in a send of its own (one write per frame).
        const std::string_view all = *bytes;
        std::size_t begin = 0;
        for (const std::size_t end : run.sending_ends) {
            link->session->send(all.substr(begin, end - begin));
            begin = end;
        }
    }
    run.sending_ends.clear();
}

void hub::impl::discard_run() {
    run.bytes = nullptr;
    run.ends.clear();
}

} // namespace csc::hub
