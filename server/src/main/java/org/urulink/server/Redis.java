package org.urulink.server;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers over Lettuce's futures. */
final class Redis {
    static final long TIMEOUT_SECONDS = 10;

    private Redis() {
    }

    /** The future's value; Redis trouble becomes a {@link StoreException}-like unchecked error. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted waiting for Redis");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis did not answer: " + e.getMessage(), e);
        }
    }
}
