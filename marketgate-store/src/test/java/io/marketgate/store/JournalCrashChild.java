package io.marketgate.store;

import io.marketgate.model.OddsEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link JournalCrashIT} kills: writes odds through the write-behind journal as fast as
 * it can and acknowledges every committed line on stdout ({@code ACK event bookmaker market
 * american}) only after its transaction committed.
 */
public final class JournalCrashChild {

  static final List<String> BOOKS = List.of("draftkings", "fanduel");
  static final int EVENTS = 20;

  private JournalCrashChild() {}

  /** Runs until killed; {@code args[0]} is the journal's JDBC URL. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SqlJournal sql = SqlJournal.open(JournalSettings.of(args[0]));
    sql.migrate();
    WriteBehindJournal journal =
        WriteBehindJournal.builder(sql.writer())
            .batchSize(50)
            .onCommit(
                c -> {
                  StringBuilder acks = new StringBuilder();
                  for (LineRecord r : c.batch().lines()) {
                    acks.append("ACK ")
                        .append(r.event().id())
                        .append(' ')
                        .append(r.line().bookmaker().id())
                        .append(' ')
                        .append(r.line().market())
                        .append(' ')
                        .append((long) r.line().outcomes().get(0).price().american())
                        .append('\n');
                  }
                  out.print(acks);
                  out.flush();
                })
            .start();
    out.println("READY");
    out.flush();
    Instant start = Fixtures.T0.plusSeconds(3600);
    for (int tick = 1; ; tick++) {
      OddsEvent e = Fixtures.event("e" + (tick % EVENTS), start, BOOKS, tick);
      journal.append(e, Fixtures.T0.plusMillis(tick), tick);
      if (tick % 20 == 0) {
        LockSupport.parkNanos(200_000);
      }
    }
  }
}
