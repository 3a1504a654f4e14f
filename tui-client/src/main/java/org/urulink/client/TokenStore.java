package org.urulink.client;

import java.util.Optional;

/** Where a login's credentials live between runs. Every rotation of the tokens is saved here at once. */
public interface TokenStore {
    Optional<Credentials> load();

    void save(Credentials credentials);

    void clear();

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
