package org.urulink.client;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read from a file chunk by chunk (never whole in memory) that tells a {@link TransferListener}
 * how many bytes the HTTP client has taken so far.
 */
final class CountingPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher file;
    private final long size;
    private final TransferListener listener;
    private final AtomicLong sent = new AtomicLong();

    private CountingPublisher(HttpRequest.BodyPublisher file, long size, TransferListener listener) {
        this.file = file;
        this.size = size;
        this.listener = listener;
    }

    static CountingPublisher of(Path path, long size, TransferListener listener) {
        try {
            return new CountingPublisher(HttpRequest.BodyPublishers.ofFile(path), size, listener);
        } catch (FileNotFoundException e) {
            throw new LocalFileException(path, "no such file", e);
        }
    }

    /** Bytes handed to the HTTP client by the latest subscription. */
    long sent() {
        return sent.get();
    }

    @Override
    public long contentLength() {
        return size;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        sent.set(0); // a resubscription (the client retrying) starts the body again
        file.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long done = sent.addAndGet(item.remaining());
                subscriber.onNext(item);
                listener.progress(done, size);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
