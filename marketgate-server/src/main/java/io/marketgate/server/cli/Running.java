package io.marketgate.server.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a command running until the JVM is asked to stop (Ctrl-C, SIGTERM), then cleans up. */
final class Running {

  private Running() {}

  /** Blocks until shutdown; {@code cleanup} runs on the shutdown hook before the JVM exits. */
  static void untilShutdown(Runnable cleanup) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    cleanup.run();
                  } finally {
                    stopped.countDown();
                  }
                },
                "marketgate-shutdown"));
    stopped.await();
  }
}
