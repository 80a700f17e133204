#include "csc/omegga/store.hpp"

#include <utility>

namespace csc::omegga {

namespace {

bool cancelled(const jsonrpc::reply& r) {
    return !r.ok() && r.failure->code == jsonrpc::code::cancelled;
}

} // namespace

bool store::check(const jsonrpc::reply& r, std::string_view what, const std::string& key) {
    if (r.ok()) {
        return true;
    }
    if (!cancelled(r)) {
        log_.warn(std::string(what) + " \"" + key + "\" failed: " + r.failure->message);
    }
    return false;
}

void store::get(const std::string& key, get_handler done) {
    send_("store.get", key, [this, key, done = std::move(done)](const jsonrpc::reply& r) {
        if (cancelled(r)) {
            return;
        }
        if (!check(r, "store.get", key)) {
            done(std::nullopt);
            return;
        }
        done(r.result);
    });
}

void store::set(const std::string& key, nlohmann::json value, set_handler done) {
    send_("store.set", nlohmann::json::array({key, std::move(value)}),
          [this, key, done = std::move(done)](const jsonrpc::reply& r) {
              const bool ok = check(r, "store.set", key);
              if (done && !cancelled(r)) {
                  done(ok);
              }
          });
}

void store::remove(const std::string& key) {
    send_("store.delete", key,
          [this, key](const jsonrpc::reply& r) { (void)check(r, "store.delete", key); });
}

} // namespace csc::omegga
