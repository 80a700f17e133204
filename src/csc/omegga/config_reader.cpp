#include "csc/omegga/config_reader.hpp"

#include "csc/omegga/chat_lines.hpp"

namespace csc::omegga {
namespace {

using json = nlohmann::json;

constexpr std::size_t max_shown_value_bytes = 80;

} // namespace

std::string show_config_value(const json& value) {
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > max_shown_value_bytes) {
        // Cut on a UTF-8 boundary so the log line stays valid text.
        std::size_t cut = max_shown_value_bytes;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
            --cut;
        }
        text.resize(cut);
        text += ellipsis;
    }
    return text;
}

const json* config_reader::find(const char* key) const {
    const auto it = config_.find(key);
    if (it == config_.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

void config_reader::reject(const char* key, const json& value, std::string_view what,
                           std::string_view fallback) {
    std::string line = "config \"";
    line.append(key).append("\": ").append(show_config_value(value)).append(" ").append(what);
    line.append("; using ").append(fallback).append(".");
    problems_.push_back(std::move(line));
}

void config_reader::reject_hidden(const char* key, std::string_view what,
                                  std::string_view fallback) {
    std::string line = "config \"";
    line.append(key).append("\" ").append(what);
    line.append("; using ").append(fallback).append(".");
    problems_.push_back(std::move(line));
}

void config_reader::read_bool(const char* key, bool& target) {
    if (const json* v = find(key)) {
        if (v->is_boolean()) {
            target = v->get<bool>();
        } else {
            reject(key, *v, "is not true or false", target ? "true" : "false");
        }
    }
}

void config_reader::read_string(const char* key, std::string& target) {
    if (const json* v = find(key)) {
        if (v->is_string()) {
            target = v->get<std::string>();
        } else {
            reject(key, *v, "is not a string", json(target).dump());
        }
    }
}

} // namespace csc::omegga
