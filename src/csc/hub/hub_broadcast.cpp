// Sending to links: broadcast, the relay run, and send_to.
//
// Frames relayed as they came (docs/performance.md) from one sender are gathered into the
// relay run and copied to each recipient once per read of that sender, not once per frame:
// the sender's session calls flush_run() when the frames of a read are done.
// Every other send goes through send_to() or broadcast(), which flush the run first, so each
// link still receives packets in the order the hub handled them.

#include "csc/hub/hub_impl.hpp"

#include "csc/protocol/codec.hpp"
#include "csc/protocol/overloaded.hpp"

namespace csc::hub {
namespace {

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
                          bool to_delivery_links, std::string_view as_encoded) {
    const bool differs = has_extension_fields(p);
    if (!as_encoded.empty() && !differs && to_delivery_links) {
        add_to_run(except, as_encoded); // the same bytes for every other link
        return;
    }
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
        if (!as_encoded.empty() && !differs) {
            link->session->send(as_encoded);
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

void hub::impl::add_to_run(protocol::identifier from, std::string_view frame) {
    if (!run.bytes.empty() && run.from != from) {
        flush_run();
    }
    run.from = from;
    run.bytes.append(frame);
    run.ends.push_back(run.bytes.size());
}

void hub::impl::flush_run() {
    if (run.bytes.empty()) {
        return;
    }
    // Swapped out first: a send that closes a slow link calls back into the hub, and
    // anything it sent would otherwise flush this run a second time.
    run.sending.swap(run.bytes);
    run.sending_ends.swap(run.ends);
    const std::string_view bytes = run.sending;
    for (const auto& [id, link] : links) {
        if (id == run.from || !link->handshaken || link->closed) {
            continue;
        }
        if (link->extensions) {
            link->session->send(bytes);
            continue;
        }
        // An original peer gets each frame in a send of its own (one write per frame).
        std::size_t begin = 0;
        for (const std::size_t end : run.sending_ends) {
            link->session->send(bytes.substr(begin, end - begin));
            begin = end;
        }
    }
    run.sending.clear();
    run.sending_ends.clear();
}

void hub::impl::discard_run() {
    run.bytes.clear();
    run.ends.clear();
}

} // namespace csc::hub
