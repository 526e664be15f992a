/* N subscribers in one thread on epoll, for Kalkan's SSE stream or an MQTT broker alike: each
 * connects (at most 256 handshakes in flight, so no listen backlog overflows), sends its request (the GET with a bearer token, or MQTT 3.1.1 CONNECT and SUBSCRIBE at
 * QoS 0) and counts what arrives: `event: alert` lines, or PUBLISH packets. Prints "ready" once all
 * are connected, then for the n-th message "got n AT_NS" when every subscriber has it, AT_NS the
 * time the last one arrived in nanoseconds since 1970 (CLOCK_REALTIME, which .NET's clock reads too). A
 * subscriber whose connection ends prints "closed" and the run stops with exit code 1.
 * usage: subscribers sse PORT N TOKEN ROUNDS | subscribers mqtt PORT N TOPIC ROUNDS */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { CONNECTING, SENT, ACTIVE };
typedef struct { int fd, state, count, matched; long skip; unsigned char header[5]; int header_length; } subscriber;

static const char marker[] = "event: alert\n";
static int n, rounds, mqtt, *have;
static long long *last;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what) { perror(what); exit(2); }

static void arrived(subscriber *s, long long at) {
    int m = ++s->count;
    if (m > rounds) return;
    if (at > last[m]) last[m] = at;
    if (++have[m] == n) { printf("got %d %lld\n", m, last[m]); fflush(stdout); }
}

static void consume(subscriber *s, unsigned char *data, ssize_t length, long long at) {
    for (ssize_t i = 0; i < length; i++) {
        unsigned char b = data[i];
        if (!mqtt) {
            s->matched = b == (unsigned char)marker[s->matched] ? s->matched + 1 : b == (unsigned char)marker[0] ? 1 : 0;
            if (s->matched == (int)sizeof marker - 1) { arrived(s, at); s->matched = 0; }
            continue;
        }
        if (s->skip > 0) {
            long take = s->skip < length - i ? s->skip : length - i;
            s->skip -= take;
            i += take - 1;
            continue;
        }
        s->header[s->header_length++] = b;
        if (s->header_length == 1 || ((b & 0x80) && s->header_length < 5)) continue;
        long remaining = 0, multiplier = 1;
        for (int h = 1; h < s->header_length; h++) { remaining += (s->header[h] & 0x7F) * multiplier; multiplier *= 128; }
        if (s->header[0] >> 4 == 3) arrived(s, at);
        s->skip = remaining;
        s->header_length = 0;
    }
}

/* CONNECT (protocol 4, clean session, keep-alive 0: never dropped while quiet) and SUBSCRIBE at QoS 0. */
static int mqtt_request(char *request, int i, const char *topic) {
    char id[32];
    int id_length = snprintf(id, sizeof id, "sub%d", i), topic_length = (int)strlen(topic), at = 0;
    request[at++] = 0x10; request[at++] = (char)(10 + 2 + id_length);
    memcpy(request + at, "\0\4MQTT\4\2\0\0", 10); at += 10;
    request[at++] = 0; request[at++] = (char)id_length; memcpy(request + at, id, id_length); at += id_length;
    request[at++] = (char)0x82; request[at++] = (char)(2 + 2 + topic_length + 1);
    request[at++] = 0; request[at++] = 1; request[at++] = 0; request[at++] = (char)topic_length;
    memcpy(request + at, topic, topic_length); at += topic_length;
    request[at++] = 0;
    return at;
}

int main(int argc, char **argv) {
    if (argc < 6) { fprintf(stderr, "usage: subscribers sse|mqtt PORT N TOKEN|TOPIC ROUNDS\n"); return 2; }
    mqtt = strcmp(argv[1], "mqtt") == 0;
    int port = atoi(argv[2]), one = 1;
    n = atoi(argv[3]);
    rounds = atoi(argv[5]);
    have = calloc(rounds + 2, sizeof *have);
    last = calloc(rounds + 2, sizeof *last);
    subscriber *subs = calloc(n, sizeof *subs);
    char request[4096];
    int request_length = 0;
    if (!mqtt) {
        request_length = snprintf(request, sizeof request,
            "GET /api/v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n", port, argv[4]);
    }
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int poll = epoll_create1(0), next = 0, in_flight = 0, active = 0;
    static struct epoll_event events[1024];
    static unsigned char buffer[65536];
    for (;;) {
        while (next < n && in_flight < 256) {
            subscriber *s = &subs[next];
            s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (s->fd < 0) fail("socket");
            setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (connect(s->fd, (struct sockaddr *)&address, sizeof address) && errno != EINPROGRESS) fail("connect");
            struct epoll_event event = { .events = EPOLLOUT | EPOLLIN, .data.ptr = s };
            if (epoll_ctl(poll, EPOLL_CTL_ADD, s->fd, &event)) fail("epoll_ctl");
            next++;
            in_flight++;
        }
        int ready = epoll_wait(poll, events, 1024, -1);
        for (int e = 0; e < ready; e++) {
            subscriber *s = events[e].data.ptr;
            if (s->state == CONNECTING && (events[e].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
                int error = 0;
                socklen_t length = sizeof error;
                getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &error, &length);
                if (error) { errno = error; fail("connect"); }
                if (mqtt) request_length = mqtt_request(request, (int)(s - subs), argv[4]);
                if (write(s->fd, request, request_length) != request_length) fail("write");
                struct epoll_event event = { .events = EPOLLIN, .data.ptr = s };
                epoll_ctl(poll, EPOLL_CTL_MOD, s->fd, &event);
                s->state = SENT;
                continue;
            }
            for (;;) {
                ssize_t got = read(s->fd, buffer, sizeof buffer);
                if (got > 0) {
                    if (s->state == SENT) {
                        s->state = ACTIVE;
                        in_flight--;
                        if (++active == n) { printf("ready\n"); fflush(stdout); }
                    }
                    consume(s, buffer, got, now_ns());
                    continue;
                }
                if (got == 0) { printf("closed %ld after %d messages\n", (long)(s - subs), s->count); fflush(stdout); return 1; }
                break;
            }
        }
        if (have[rounds] == n) return 0;
    }
}
