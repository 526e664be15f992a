/* The floor of a fan-out on this machine: one thread writes a 300-byte frame to each of N
 * loopback TCP sockets and reads every copy back from the other ends, as a broker that did nothing
 * else would. Prints one line per round: "round N: MS ms". Built and run by `Kalkan.Bench fanout`.
 * usage: floor N ROUNDS PORT */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void fail(const char *what) { perror(what); exit(2); }

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: floor N ROUNDS PORT\n"); return 2; }
    int n = atoi(argv[1]), rounds = atoi(argv[2]), port = atoi(argv[3]), one = 1;
    int *senders = malloc(sizeof(int) * n), *receivers = malloc(sizeof(int) * n);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port) };
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) || listen(listener, 4096)) fail("listen");
    for (int i = 0; i < n; i++) {
        receivers[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (receivers[i] < 0 || connect(receivers[i], (struct sockaddr *)&address, sizeof address)) fail("connect");
        senders[i] = accept(listener, NULL, NULL);
        if (senders[i] < 0) fail("accept");
        setsockopt(senders[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    char frame[300], back[300];
    memset(frame, 'x', sizeof frame);
    for (int round = 1; round <= rounds; round++) {
        double start = now_ms();
        for (int i = 0; i < n; i++)
            if (write(senders[i], frame, sizeof frame) != sizeof frame) fail("write");
        for (int i = 0; i < n; i++)
            for (size_t got = 0; got < sizeof back;) {
                ssize_t r = read(receivers[i], back + got, sizeof back - got);
                if (r <= 0) fail("read");
                got += r;
            }
        printf("round %d: %.3f ms\n", round, now_ms() - start);
        fflush(stdout);
        usleep(100000);
    }
    return 0;
}
