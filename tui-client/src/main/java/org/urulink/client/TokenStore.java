package org.urulink.client;

import java.util.Optional;

/** Where a login's credentials live between runs. Every rotation of the tokens is saved here at once. */
public interface TokenStore {
    Optional<Credentials> load();

    void save(Credentials credentials);

    void clear();

    /**
     * Runs {@code work} (load, refresh, save) while no other user of this store runs its own: a refresh token
     * works once, and two processes spending the same one would revoke the login. Default: no other users.
     */
    default <T> T exclusively(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** A store that forgets everything when the process ends (tests, one-shot tools). */
    static TokenStore inMemory() {
        return new TokenStore() {
            private volatile Credentials held;

            @Override
            public Optional<Credentials> load() {
                return Optional.ofNullable(held);
            }

            @Override
            public void save(Credentials credentials) {
                held = credentials;
            }

            @Override
            public void clear() {
                held = null;
            }
        };
    }
}
