package org.urulink.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.urulink.client.ApiClient;
import org.urulink.client.ApiException;
import org.urulink.client.LoginAnswer;

/**
 * The bench's accounts, {@code <prefix>00000}, {@code <prefix>00001}, ...: made through the normal API the first
 * time, and reused by every later run (the server has no way to delete an account). A user with a refresh token on
 * file is refreshed (cheap); one without is registered, or logged in when it exists (each ~0.2 s of server CPU).
 * A few at a time: the server hashes at most one password per core anyway, and a flood would only queue there.
 */
final class BenchUsers {
    /** A logged-in bench user. */
    record User(int index, String username, String id, String accessToken) {
    }

    static final int CONCURRENCY = 8;

    private final URI server;
    private final String prefix;
    private final BenchAccountsFile file;
    private final ApiClient api;

    BenchUsers(URI server, String prefix, BenchAccountsFile file) {
        this.server = server;
        this.prefix = prefix;
        this.file = file;
        this.api = ApiClient.anonymous(server);
    }

    String username(int index) {
        return prefix + String.format("%05d", index);
    }

    /**
     * Users 0 to {@code count - 1}, logged in; {@code progress} hears how many are ready. The rotated refresh tokens
     * are saved before this answers, so an interrupted run never spends a token the next one needs.
     */
    List<User> ensure(int count, IntConsumer progress) {
        BenchAccountsFile.Server entry = file.load(server.toString());
        Map<String, String> tokens = new ConcurrentHashMap<>(entry.refreshTokens());
        Semaphore slots = new Semaphore(CONCURRENCY);
        AtomicInteger ready = new AtomicInteger();
        List<Future<User>> pending = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        User u = one(index, entry.password(), tokens);
                        progress.accept(ready.incrementAndGet());
                        return u;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<User> users = new ArrayList<>(count);
            RuntimeException failure = null;
            for (Future<User> f : pending) {
                try {
                    users.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while logging the bench users in", e);
                }
            }
            file.save(server.toString(), new BenchAccountsFile.Server(entry.password(), new java.util.TreeMap<>(tokens)));
            if (failure != null) {
                throw failure;
            }
            return users;
        }
    }

    private User one(int index, String password, Map<String, String> tokens) {
        String name = username(index);
        String refresh = tokens.get(name);
        LoginAnswer answer = null;
        if (refresh != null) {
            try {
                answer = api.refresh(refresh);
            } catch (ApiException e) {
                if (e.status() != 401) {
                    throw e;
                }
                tokens.remove(name); // revoked or expired: log in again below
            }
        }
        if (answer == null) {
            answer = login(name, password);
        }
        tokens.put(name, answer.refreshToken());
        return new User(index, name, answer.user().id(), answer.accessToken());
    }

    private LoginAnswer login(String name, String password) {
        try {
            api.register(name, password);
        } catch (ApiException e) {
            if (!e.is("username_taken")) {
                throw e;
            }
        }
        try {
            return api.login(name, password);
        } catch (ApiException e) {
            if (e.is("invalid_credentials")) {
                throw new UsageException("the bench user " + name + " exists on " + server + " with a password "
                        + "not in " + file.path() + " (made from another machine?); use another --prefix");
            }
            throw e;
        }
    }

    /**
     * Logs every bench user on file out (revoking its login) and forgets its refresh token; answers how many.
     * The accounts stay: the server cannot delete accounts. The password stays too, so a later run logs in again.
     */
    int logoutAll() {
        BenchAccountsFile.Server entry = file.load(server.toString());
        int n = 0;
        for (Map.Entry<String, String> e : entry.refreshTokens().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            try {
                api.logout(e.getValue());
                n++;
            } catch (ApiException ignored) {
                // already revoked: nothing to undo
            }
        }
        Map<String, String> kept = new java.util.TreeMap<>(entry.refreshTokens());
        kept.keySet().removeIf(k -> k.startsWith(prefix));
        file.save(server.toString(), new BenchAccountsFile.Server(entry.password(), kept));
        return n;
    }
}
