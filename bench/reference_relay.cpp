// csc-ref-relay: the least work a relay can do, the yardstick csc-bench holds csc-hub against.
//
// One thread, level-triggered epoll, TCP_NODELAY. The first newline-terminated frame of a
// connection is taken as its handshake (not inspected) and answered with a minimal valid
// acknowledge. Every later run of complete frames is copied byte for byte to every other
// acknowledged connection. Output is gathered per connection and written with one send()
// per loop iteration. No JSON is parsed, nothing is validated.
//
// Usage: csc-ref-relay [--host 127.0.0.1] --port P

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

/// A connection closes when it sends this much without a newline.
constexpr std::size_t max_frame = 1024 * 1024;
/// A connection closes when this much output waits for it (a slow consumer).
constexpr std::size_t max_pending = 64 * 1024 * 1024;

struct conn {
    int fd = -1;
    long long id = 0;
    std::string in;
    std::string out;
    std::size_t out_sent = 0; // bytes of `out` already sent (compacted lazily)
    bool greeted = false;
    bool dirty = false;    // in the flush list of this iteration
    bool want_out = false; // EPOLLOUT registered
    bool dead = false;
};

class relay {
public:
    explicit relay(int listener) : listener_(listener), epoll_(epoll_create1(EPOLL_CLOEXEC)) {}

    int run() {
        if (epoll_ < 0) return fail("epoll_create1");
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = listener_;
        if (epoll_ctl(epoll_, EPOLL_CTL_ADD, listener_, &ev) < 0) return fail("epoll_ctl");
        std::vector<epoll_event> events(256);
        std::vector<char> buf(256 * 1024);
        for (;;) {
            const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), -1);
            if (n < 0) {
                if (errno == EINTR) continue;
                return fail("epoll_wait");
            }
            for (int i = 0; i < n; ++i) {
                const epoll_event& e = events[static_cast<std::size_t>(i)];
                if (e.data.fd == listener_) {
                    accept_all();
                    continue;
                }
                auto it = conns_.find(e.data.fd);
                if (it == conns_.end()) continue;
                conn& c = *it->second;
                if ((e.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0U) on_readable(c, buf);
                if ((e.events & EPOLLOUT) != 0U) mark_dirty(c);
            }
            flush_all();
            reap();
        }
    }

private:
    static int fail(const char* what) {
        std::fprintf(stderr, "csc-ref-relay: %s: %s\n", what, std::strerror(errno));
        return 1;
    }

    void accept_all() {
        for (;;) {
            const int fd = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) return; // EAGAIN, or an error to retry on the next event
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto c = std::make_unique<conn>();
            c->fd = fd;
            c->id = ++last_id_;
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.fd = fd;
            epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
            conns_.emplace(fd, std::move(c));
        }
    }

    void on_readable(conn& c, std::vector<char>& buf) {
        const ssize_t got = recv(c.fd, buf.data(), buf.size(), 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
            c.dead = true;
            return;
        }
        if (got < 0) return;
        c.in.append(buf.data(), static_cast<std::size_t>(got));
        std::string_view pending = c.in;
        if (!c.greeted) {
            const auto nl = pending.find('\n');
            if (nl == std::string_view::npos) {
                c.dead = c.in.size() > max_frame;
                return;
            }
            greet(c);
            pending.remove_prefix(nl + 1);
        }
        const auto last = pending.rfind('\n');
        if (last != std::string_view::npos) {
            const std::string_view frames = pending.substr(0, last + 1);
            for (conn* other : greeted_) {
                if (other == &c) continue;
                other->out.append(frames);
                mark_dirty(*other);
            }
            pending.remove_prefix(last + 1);
        }
        if (pending.size() > max_frame) c.dead = true;
        c.in.erase(0, c.in.size() - pending.size());
    }

    void greet(conn& c) {
        c.greeted = true;
        greeted_.push_back(&c);
        char ack[256];
        const int len = std::snprintf(
            ack, sizeof ack,
            "{\"type\":\"acknowledge\",\"identifier\":%lld,\"hostIdentifier\":0,"
            "\"playerCount\":0,\"connections\":[{\"identifier\":0,\"name\":\"reference\","
            "\"color\":\"ffffff\",\"prefix\":\"[ref]\"}]}\n",
            c.id);
        c.out.append(ack, static_cast<std::size_t>(len));
        mark_dirty(c);
    }

    void mark_dirty(conn& c) {
        if (c.dirty) return;
        c.dirty = true;
        dirty_.push_back(&c);
    }

    void flush_all() {
        for (conn* c : dirty_) {
            c->dirty = false;
            if (c->dead) continue;
            const std::size_t pending = c->out.size() - c->out_sent;
            if (pending > 0) {
                const ssize_t put = send(c->fd, c->out.data() + c->out_sent, pending, MSG_NOSIGNAL);
                if (put < 0 && errno != EAGAIN && errno != EINTR) {
                    c->dead = true;
                    continue;
                }
                if (put > 0) c->out_sent += static_cast<std::size_t>(put);
            }
            // Drop what was sent without moving bytes on every partial send.
            if (c->out_sent == c->out.size()) {
                c->out.clear();
                c->out_sent = 0;
            } else if (c->out_sent > c->out.size() / 2) {
                c->out.erase(0, c->out_sent);
                c->out_sent = 0;
            }
            if (c->out.size() > max_pending) c->dead = true;
            const bool want = !c->out.empty();
            if (want != c->want_out) {
                c->want_out = want;
                epoll_event ev{};
                ev.events = EPOLLIN | (want ? EPOLLOUT : 0U);
                ev.data.fd = c->fd;
                epoll_ctl(epoll_, EPOLL_CTL_MOD, c->fd, &ev);
            }
        }
        dirty_.clear();
    }

    void reap() {
        bool any = false;
        for (auto it = conns_.begin(); it != conns_.end();) {
            if (!it->second->dead) {
                ++it;
                continue;
            }
            any = true;
            close(it->first); // also removes it from the epoll set
            it = conns_.erase(it);
        }
        if (!any) return;
        greeted_.clear();
        for (auto& [fd, c] : conns_)
            if (c->greeted) greeted_.push_back(c.get());
    }

    int listener_;
    int epoll_;
    long long last_id_ = 0;
    std::unordered_map<int, std::unique_ptr<conn>> conns_;
    std::vector<conn*> greeted_;
    std::vector<conn*> dirty_;
};

int listen_on(const std::string& host, unsigned port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        std::fprintf(stderr, "csc-ref-relay: not an IPv4 address: %s\n", host.c_str());
        return -1;
    }
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) < 0 ||
        listen(fd, SOMAXCONN) < 0) {
        std::fprintf(stderr, "csc-ref-relay: cannot listen on %s:%u: %s\n", host.c_str(), port,
                     std::strerror(errno));
        return -1;
    }
    return fd;
}

} // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    unsigned port = 0;
    bool have_port = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--host" && has_value) {
            host = argv[++i];
        } else if (arg == "--port" && has_value) {
            const std::string_view v = argv[++i];
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), port);
            have_port = ec == std::errc{} && end == v.data() + v.size() && port <= 65535;
            if (!have_port) break;
        } else {
            have_port = false;
            break;
        }
    }
    if (!have_port) {
        std::fprintf(stderr, "usage: csc-ref-relay [--host 127.0.0.1] --port P\n");
        return 2;
    }
    const int listener = listen_on(host, port);
    if (listener < 0) return 1;
    return relay(listener).run();
}
