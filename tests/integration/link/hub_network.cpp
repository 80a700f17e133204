#include "hub_network.hpp"

#include <gtest/gtest.h>

namespace csc::link_test {

csc::hub::hub_config hub_network::hub_config(std::uint16_t at) {
    csc::hub::hub_config config;
    config.host = "127.0.0.1";
    config.port = at;
    config.self = info("host");
    return config;
}

void hub_network::start_hub(const csc::hub::hub_config& config) {
    hub = std::make_unique<csc::hub::hub>(ctx.get_executor(), config, hub_events, hub_log);
    EXPECT_FALSE(hub->listen());
    hub->start();
    port = hub->local_endpoint().port();
}

bool hub_network::wait(const std::function<bool()>& done) { return test::run_until(ctx, done); }

link_under_test& hub_network::make(std::size_t i, const std::string& name) {
    links.at(i) = std::make_unique<link_under_test>(ctx, make_config(port, name));
    return *links.at(i);
}

link_under_test& hub_network::start(std::size_t i, const std::string& name) {
    auto& l = make(i, name);
    l.client.start();
    EXPECT_TRUE(wait([&] { return l.client.connected(); })) << l.log.dump();
    return l;
}

bool hub_network::connect_all() {
    const std::array<const char*, 3> names = {"alpha", "beta", "gamma"};
    for (std::size_t i = 0; i < links.size(); ++i) {
        auto& l = make(i, names.at(i));
        l.client.set_player_count(static_cast<std::int64_t>(i) + 1);
        l.client.start();
        if (!wait([&] { return l.client.connected(); })) {
            return false;
        }
    }
    return wait([&] {
        return hub->link_count() == 3 && links[0]->client.servers().size() == 3 &&
               links[1]->client.servers().size() == 3;
    });
}

} // namespace csc::link_test
