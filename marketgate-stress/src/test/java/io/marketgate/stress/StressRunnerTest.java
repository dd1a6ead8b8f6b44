package io.marketgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StressRunnerTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void verdict_allPassed_isZeroAndPrintsSummary() {
    String log =
        "(Results: 56 planned; 50 passed, 0 failed, 0 soft errs, 0 hard errs)\n"
            + "(Results: 56 planned; 56 passed, 0 failed, 0 soft errs, 0 hard errs)\n";
    assertThat(StressRunner.verdict(log, out)).isZero();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("56 passed, 0 failed");
  }

  @Test
  void verdict_aFailedResultInLastLine_isNonZero() {
    String log = "(Results: 56 planned; 55 passed, 1 failed, 0 soft errs, 0 hard errs)";
    assertThat(StressRunner.verdict(log, out)).isEqualTo(1);
  }

  @Test
  void verdict_errors_isNonZero() {
    String log = "(Results: 8 planned; 7 passed, 0 failed, 0 soft errs, 1 hard errs)";
    assertThat(StressRunner.verdict(log, out)).isEqualTo(1);
  }

  @Test
  void verdict_fewerPassedThanPlanned_isNonZero() {
    String log = "(Results: 8 planned; 6 passed, 0 failed, 0 soft errs, 0 hard errs)";
    assertThat(StressRunner.verdict(log, out)).isEqualTo(1);
  }

  @Test
  void verdict_noResultsLine_isNonZero() {
    assertThat(StressRunner.verdict("Exception in thread main", out)).isEqualTo(2);
  }
}
