#include "asio_scheduler.hpp"

#include <system_error>
#include <utility>

namespace csc::apps {

asio_scheduler::~asio_scheduler() { cancel_all(); }

void asio_scheduler::call_after(std::chrono::milliseconds delay, std::function<void()> fn) {
    auto timer = std::make_shared<asio::steady_timer>(executor_, delay);
    timers_.insert(timer);
    std::weak_ptr<bool> alive = alive_;
    timer->async_wait([this, alive, timer, fn = std::move(fn)](std::error_code ec) {
        if (!alive.lock()) {
            return;
        }
        timers_.erase(timer);
        if (!ec && fn) {
            fn();
        }
    });
}

void asio_scheduler::cancel_all() {
    for (const auto& timer : timers_) {
        timer->cancel();
    }
    timers_.clear();
}

} // namespace csc::apps
