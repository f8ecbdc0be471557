package org.organ3d.net.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.organ3d.net.PacsException;

/**
 * An HTTP response body as an {@link InputStream} that gives up when the server sends nothing for
 * longer than an idle timeout, with back-pressure: the client asks the connection for the next
 * buffers only when the reader has taken the previous ones, so memory stays at a few network
 * buffers however large the body.
 *
 * <p>// NB: the JDK's {@code BodyHandlers.ofInputStream()} blocks forever on a server that stops
 * sending mid-body (the request timeout covers only the wait for the headers); this subscriber
 * polls with the idle timeout instead and cancels the exchange when it passes.
 *
 * <p>The stream is read by one thread; the HTTP client calls the subscriber methods on its own.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4);
    private final Duration idle;
    private final String source;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> items;
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    StreamingBody(Duration idle, String source) {
        this.idle = Objects.requireNonNull(idle);
        this.source = source;
    }

    /** A body handler giving a new streaming body per response. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration idle, String source) {
        return info -> new StreamingBody(idle, source);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        // NB: one request outstanding at a time, so the queue (capacity 4) never fills
        queue.offer(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.offer(t);
    }

    @Override
    public void onComplete() {
        queue.offer(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException(source + ": stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (items != null && items.hasNext()) {
                current = items.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            if (items != null) {
                items = null;
                subscription.request(1);
            }
            Object next;
            try {
                next = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new PacsException(source + ": interrupted");
            }
            if (next == null) {
                close();
                throw new PacsException(source + ": the server sent nothing for " + idle.toSeconds()
                        + " s in the middle of the answer (gave up)");
            }
            if (next instanceof Throwable t) {
                ended = true;
                throw new PacsException(source + ": the connection failed in the middle of the answer ("
                        + describe(t) + ")", t);
            }
            if (next == END) {
                ended = true;
                return -1;
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) next;
            items = list.iterator();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null && !ended) {
                s.cancel();
            }
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
