// Frames relayed as they came (protocol::append_as_encoded): whatever a link sends, every
// recipient gets exactly what the encoder writes for it, with the sender's identifier, and
// nothing a frame carried beyond the packet (spaces, escapes, duplicated or unknown keys,
// extension fields an original peer does not take) gets through.

#include "hub_fixture.hpp"

#include "csc/protocol/codec.hpp"

namespace csc::test {
namespace {

using protocol::join;
using protocol::leave;
using protocol::message;

std::size_t chat_count(const test_peer& p) {
    return p.count<join>() + p.count<leave>() + p.count<message>();
}

/// Every chat frame `p` received is the encoder's output for it, from link 1, with no
/// unknown key.
void expect_encoder_output(const test_peer& p, protocol::encode_options opts) {
    for (const std::string& frame : p.frames()) {
        const auto d = protocol::decode(frame);
        ASSERT_TRUE(d) << frame;
        const bool chat = std::holds_alternative<join>(d.value) ||
                          std::holds_alternative<leave>(d.value) ||
                          std::holds_alternative<message>(d.value);
        if (!chat) {
            continue;
        }
        EXPECT_EQ(frame + "\n", protocol::encode(d.value, opts)) << frame;
        EXPECT_EQ(protocol::origin_of(d.value), 1) << frame;
        EXPECT_EQ(frame.find("smuggled"), std::string::npos) << frame;
    }
}

TEST_F(HubFixture, FramesRelayedAsTheyCameAreExactlyTheEncodersOutput) {
    auto sender = join_network("Sender", 0, {"sanitized"});
    auto modern = join_network("Modern", 0, {"sanitized"});
    auto original = join_network("Original");
    const std::vector<std::string> sent = {
        R"({"type":"message","identifier":1,"username":"a","content":"as the encoder writes"})",
        R"({"type":"message","identifier":7,"username":"a","content":"another identifier"})",
        R"({"type":"message","identifier":1.0,"username":"a","content":"a double"})",
        R"({ "type":"message","identifier":1,"username":"a","content":"spaces" })",
        R"({"type":"message","identifier":1,"username":"a","content":"\u0065scaped"})",
        R"({"type":"message","identifier":1,"username":"a","content":"smuggled","content":"dup"})",
        R"({"type":"message","identifier":1,"username":"a","content":"b","smuggled":1})",
        R"({"smuggled":{"type":"join"},"type":"message","identifier":1,"username":"a","content":"b"})",
        R"({"type":"message","identifier":1,"username":"a","content":"&gt;","sanitized":true})",
        R"({"identifier":1,"type":"message","content":"order","username":"a"})",
        R"({"type":"message","identifier":1,"username":"<b>a</b>","content":"markup name"})",
        R"({"type":"message","identifier":1,"username":"a","content":"tab\tcontrol"})",
        R"({"type":"join","identifier":1,"username":"a","smuggled":"x"})",
        R"({"type":"leave","identifier":3,"username":"a"})",
    };
    for (const std::string& frame : sent) {
        sender->send_raw(frame + "\n");
    }
    ASSERT_TRUE(wait([&] {
        return chat_count(*modern) == sent.size() && chat_count(*original) == sent.size();
    })) << log_.dump();
    expect_encoder_output(*modern, {.extensions = true, .player_ids = false});
    expect_encoder_output(*original, {.extensions = false});
    EXPECT_EQ(original->raw().find("sanitized"), std::string::npos);
    EXPECT_EQ(modern->last<message>()->content, "tab control");
    EXPECT_EQ(modern->all<message>().at(1).content, "another identifier");
}

} // namespace
} // namespace csc::test
