#pragma once
// The Omegga adapter's scheduler on asio steady timers (one io_context thread).

#include "csc/omegga/scheduler.hpp"

#include <asio/any_io_executor.hpp>
#include <asio/steady_timer.hpp>

#include <memory>
#include <set>

namespace csc::apps {

class asio_scheduler final : public omegga::scheduler {
public:
    explicit asio_scheduler(asio::any_io_executor executor) : executor_(std::move(executor)) {}
    ~asio_scheduler() override;
    asio_scheduler(const asio_scheduler&) = delete;
    asio_scheduler& operator=(const asio_scheduler&) = delete;

    clock::time_point now() const override { return clock::now(); }
    void call_after(std::chrono::milliseconds delay, std::function<void()> fn) override;

    /// Cancels every pending callback (they will not run). Idempotent.
    void cancel_all();

private:
    asio::any_io_executor executor_;
    std::set<std::shared_ptr<asio::steady_timer>> timers_;
    /// Timer handlers hold a weak_ptr to this and do nothing once it is gone.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} // namespace csc::apps
