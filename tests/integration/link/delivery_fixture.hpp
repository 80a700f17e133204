#pragma once
// Shared pieces of the link's delivery tests: a config that announces `delivery`, a fake
// host's packets (an acknowledge that grants it, beta's stamped lines, resume answers), the
// steps that bring a link to its resume or live, and readings of what was sent and shown.

#include "link_fixture.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace csc::link_test {

inline const std::string our_origin(32, 'a');
inline const std::string beta_origin(32, 'b');
inline const std::string epoch_one(32, 'e');

/// A config for "alpha" at the fake host that announces `delivery` with our origin.
inline link::client_config delivery_config(const fake_host_fixture& f, std::uint64_t session = 1) {
    auto config = make_config(f.server.endpoint().port(), "alpha");
    config.delivery.origin = our_origin;
    config.delivery.session = session;
    return config;
}

/// An acknowledge granting `delivery` on log `epoch`, with beta (2) known.
inline protocol::acknowledge granting_ack(protocol::identifier id,
                                          const std::string& epoch = epoch_one) {
    protocol::acknowledge a = make_ack(id, {{2, info("beta")}});
    a.features = {"sanitized", "delivery"};
    a.epoch = epoch;
    return a;
}

/// A line of bob on beta (2), stamped with `seq` and the hub log position `pos`.
inline protocol::message beta_message(const std::string& text, std::int64_t seq, std::int64_t pos,
                                      const std::string& origin = beta_origin) {
    protocol::message m;
    m.id = 2;
    m.username = "bob";
    m.content = text;
    m.sanitized = true;
    m.delivery = {origin, 1, seq, pos};
    return m;
}

/// The host's answer to a resume, on log epoch_one.
inline protocol::resume resume_answer(std::int64_t position, const std::string& outcome) {
    protocol::resume r;
    r.epoch = epoch_one;
    r.position = position;
    r.outcome = outcome;
    return r;
}

/// Starts the link (fake_host_fixture::start), then the host grants `delivery` and holds nothing of
/// ours (ack 0); returns once the link sent its resume (nullptr when it did not).
inline test::test_peer* resuming(fake_host_fixture& f, link_under_test& link) {
    auto* host = f.start(link);
    if (host == nullptr) {
        return nullptr;
    }
    host->send(granting_ack(1));
    host->send(protocol::ack{1, 0});
    return f.wait([&] { return host->count<protocol::resume>() == 1; }) ? host : nullptr;
}

/// Starts the link (fake_host_fixture::start), then the host grants `delivery`, holds nothing of
/// ours (ack 0) and answers the link's resume with a fresh start: the link is live.
inline test::test_peer* live(fake_host_fixture& f, link_under_test& link) {
    auto* host = f.start(link);
    if (host != nullptr) {
        host->send(granting_ack(1));
        host->send(protocol::ack{1, 0});
        host->send(resume_answer(0, "fresh"));
    }
    return host;
}

/// The contents of `ms`, in order.
inline std::vector<std::string> contents(const std::vector<protocol::message>& ms) {
    std::vector<std::string> out;
    for (const auto& m : ms) {
        out.push_back(m.content);
    }
    return out;
}

/// The contents of the lines shown to our players, in order.
inline std::vector<std::string> shown(const test::recording_events& events) {
    std::vector<std::string> out;
    for (const auto& e : events.of(test::event_kind::message)) {
        out.push_back(e.content);
    }
    return out;
}

} // namespace csc::link_test
