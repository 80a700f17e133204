#pragma once
// A real hub on 127.0.0.1 (the port chosen by the system unless told) with recording fakes,
// and up to three links of a test pointed at it: the network the link tests run against
// when they need our hub rather than a fake host.

#include "link_fixture.hpp"

#include "csc/hub/hub.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace csc::link_test {

struct hub_network {
    asio::io_context ctx{1};
    test::recording_events hub_events;
    test::recording_logger hub_log{false};
    std::unique_ptr<csc::hub::hub> hub;
    /// Where links connect: the hub's port once started.
    std::uint16_t port = 0;
    std::array<std::unique_ptr<link_under_test>, 3> links;

    /// A hub config on 127.0.0.1:`at` (0: any free port), presenting itself as "host".
    static csc::hub::hub_config hub_config(std::uint16_t at = 0);
    /// Starts a hub with `config` and remembers its port.
    void start_hub(const csc::hub::hub_config& config);
    /// Starts a hub on `at` (0: any free port) and remembers its port.
    void start_hub(std::uint16_t at = 0) { start_hub(hub_config(at)); }
    /// Runs until `done()` (bounded; false on timeout).
    bool wait(const std::function<bool()>& done);
    /// links[i]: a link named `name` pointing at `port` (not started).
    link_under_test& make(std::size_t i, const std::string& name);
    /// make(), started and waited for until it is connected.
    link_under_test& start(std::size_t i, const std::string& name);
    /// Starts alpha, beta and gamma (player counts 1, 2, 3) one after the other, each
    /// acknowledged before the next starts; true once the hub and the links know all three.
    bool connect_all();
    /// links[i].
    link_under_test& at(std::size_t i) { return *links.at(i); }
};

} // namespace csc::link_test
