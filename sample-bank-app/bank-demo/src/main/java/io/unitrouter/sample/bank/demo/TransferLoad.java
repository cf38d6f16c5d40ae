package io.unitrouter.sample.bank.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients sending transfers through the gateway, as a bank's apps would: each transfer has its own id, and a
 * request that gets no definite answer (a 5xx, a 421, a timeout, a refused connection) is sent again with the
 * same id, so it can never be applied twice, until a definite answer or the client's patience runs out.
 *
 * <p>A small share of transfers go to users that have no account, so that the saga's compensation runs.
 */
final class TransferLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private final String gateway;
    private final long firstUser;
    private final int users;
    private final Duration patience;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() * 1000);
    private final ConcurrentLinkedQueue<ClientTransfer> done = new ConcurrentLinkedQueue<>();
    private final Timeline timeline = new Timeline();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private long startNanos;

    TransferLoad(String gateway, long firstUser, int users, Duration patience) {
        this.gateway = gateway;
        this.firstUser = firstUser;
        this.users = users;
        this.patience = patience;
    }

    void start(int clients) {
        startNanos = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::run, "bank-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Milliseconds since the load started. */
    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Stops sending new transfers and waits for the ones in flight to end. */
    void stop() {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(patience.toMillis() + REQUEST_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<ClientTransfer> transfers() {
        return List.copyOf(done);
    }

    Timeline timeline() {
        return timeline;
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopping) {
            long payer = firstUser + random.nextInt(users);
            long payee = random.nextInt(100) < 2 ? firstUser + users + random.nextInt(1000)
                    : firstUser + random.nextInt(users);
            if (payee == payer) {
                continue;
            }
            done.add(send(ids.incrementAndGet(), payer, payee, 1 + random.nextInt(500)));
        }
    }

    private ClientTransfer send(long id, long payer, long payee, long amount) {
        long started = now();
        String body = "{\"transferId\":" + id + ",\"to\":" + payee + ",\"amount\":" + amount + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/transfers"))
                .header("X-User-Id", Long.toString(payer)).header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int attempts = 0;
        while (true) {
            attempts++;
            String retry;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                ClientTransfer.Outcome outcome = definite(response);
                if (outcome != null) {
                    long at = now();
                    timeline.answered(at);
                    return new ClientTransfer(id, payer, payee, amount, outcome, attempts, started, at - started);
                }
                retry = "HTTP " + response.statusCode() + problemOrigin(response);
            } catch (HttpTimeoutException e) {
                retry = "timeout";
            } catch (IOException e) {
                retry = "connection: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                retry = "interrupted";
            }
            long at = now();
            timeline.retried(at, retry);
            if (at - started > patience.toMillis() || Thread.currentThread().isInterrupted()) {
                return new ClientTransfer(id, payer, payee, amount, ClientTransfer.Outcome.NO_ANSWER, attempts,
                        started, at - started);
            }
            Waits.pause(BACKOFF);
        }
    }

    private static ClientTransfer.Outcome definite(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200 && response.body().contains("\"state\":\"COMPLETED\"")) {
            return ClientTransfer.Outcome.COMPLETED;
        }
        if (status == 200 && response.body().contains("\"state\":\"FAILED\"")) {
            return ClientTransfer.Outcome.FAILED;
        }
        if (status == 202) {
            return ClientTransfer.Outcome.PENDING;
        }
        return null;
    }

    /** Who refused: the gateway's own problems have a {@code urn:unit-router:} type. */
    private static String problemOrigin(HttpResponse<String> response) {
        String body = response.body();
        int at = body.indexOf("urn:unit-router:");
        if (at >= 0) {
            int end = body.indexOf('"', at);
            return " " + body.substring(at + "urn:unit-router:".length(), end < 0 ? body.length() : end);
        }
        return body.contains("unit-router.io/problems/") ? " cell refusal" : "";
    }
}
