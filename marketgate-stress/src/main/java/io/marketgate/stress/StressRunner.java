package io.marketgate.stress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress with the given arguments and exits non-zero when any result failed or errored.
 * jcstress itself always exits 0, which would let a build pass on a broken primitive.
 */
public final class StressRunner {

  private static final Pattern RESULTS =
      Pattern.compile(
          "Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs");

  private StressRunner() {}

  /** Entry point: the arguments are jcstress's own ({@code -m quick}, {@code -t Regexp}, ...). */
  public static void main(String[] args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
    try {
      org.openjdk.jcstress.Main.main(args);
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    int code = verdict(copy.toString(StandardCharsets.UTF_8), original);
    System.exit(code);
  }

  /** Reads jcstress's last results line; prints a summary and returns the exit code. */
  static int verdict(String output, PrintStream out) {
    Matcher m = RESULTS.matcher(output);
    String last = null;
    long planned = 0;
    long passed = 0;
    long failed = 0;
    long errors = 0;
    while (m.find()) {
      last = m.group();
      planned = Long.parseLong(m.group(1));
      passed = Long.parseLong(m.group(2));
      failed = Long.parseLong(m.group(3));
      errors = Long.parseLong(m.group(4)) + Long.parseLong(m.group(5));
    }
    if (last == null) {
      out.println("stress: jcstress printed no results line; treating the run as failed");
      return 2;
    }
    out.println("stress: " + passed + " passed, " + failed + " failed, " + errors + " errors");
    if (failed > 0 || errors > 0 || passed < planned || planned == 0) {
      out.println("stress: FAILED (" + last + ")");
      return 1;
    }
    return 0;
  }

  /** Writes everything to two streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
