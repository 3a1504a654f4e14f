package org.urulink.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The UI thread's queue. Keys, typed lines, network frames and finished HTTP calls all arrive here as tasks, and
 * only the thread in {@link #run} runs them, so the chat's state needs no locks. After each batch (and at least
 * every tick, for clocks such as "reconnecting in 3s") the loop calls {@code afterBatch}, which redraws.
 */
final class EventLoop implements Executor {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile Thread thread;

    /** Runs {@code task} on the UI thread, after what was posted before it. Any thread. */
    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Ends {@link #run} after the current task. Any thread. */
    void stop() {
        running = false;
        tasks.add(() -> {
        });
    }

    boolean running() {
        return running;
    }

    boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs tasks on the calling thread until {@link #stop}. */
    void run(Runnable afterBatch, long tickMillis) {
        thread = Thread.currentThread();
        afterBatch.run();
        while (running) {
            Runnable task;
            try {
                task = tasks.poll(tickMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            while (task != null && running) {
                runSafely(task);
                task = tasks.poll();
            }
            if (running) {
                runSafely(afterBatch);
            }
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // One failing event must not end the chat; the log has the details.
            LOG.log(System.Logger.Level.WARNING, "chat event failed", e);
        }
    }
}
