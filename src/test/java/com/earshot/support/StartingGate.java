package com.earshot.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on a thread each, all released at the same moment once every thread is ready, and
 * waits a bounded time for all of them: what "at once" means in the concurrency tests.
 */
public final class StartingGate {

  private StartingGate() {}

  /** The tasks' results, in the tasks' order; a task's exception fails the whole run. */
  public static <T> List<T> runAtOnce(List<? extends Callable<T>> tasks, long timeoutSeconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return task.call();
                }));
      }
      if (!ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new TimeoutException("Not every thread got ready in time");
      }
      start.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
