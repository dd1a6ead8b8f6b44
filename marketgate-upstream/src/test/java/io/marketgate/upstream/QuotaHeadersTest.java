package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaHeadersTest {

  private static UpstreamResponse withHeaders(Map<String, List<String>> headers) {
    return new UpstreamResponse(200, headers, new byte[0], Duration.ZERO, 1);
  }

  @Test
  void theOddsApi_requestHeaders_readsRemainingAndUsed() {
    QuotaHeaders.Reading r =
        QuotaHeaders.theOddsApi()
            .read(
                withHeaders(
                    Map.of(
                        "X-Requests-Remaining", List.of("19997"),
                        "x-requests-used", List.of("3.0"),
                        "x-requests-last", List.of("3"))));

    assertThat(r.creditsRemaining()).hasValue(19_997);
    assertThat(r.creditsUsed()).hasValue(3);
    assertThat(r.windowUsed()).isEmpty();
  }

  @Test
  void binanceUsedWeight_header_readsTheWindowCount() {
    QuotaHeaders.Reading r =
        QuotaHeaders.binanceUsedWeight()
            .read(withHeaders(Map.of("x-mbx-used-weight-1m", List.of("1234"))));

    assertThat(r.windowUsed()).hasValue(1_234);
    assertThat(r.creditsRemaining()).isEmpty();
  }

  @Test
  void read_missingOrJunkHeaders_saysNothing() {
    UpstreamResponse junk =
        withHeaders(
            Map.of("x-requests-remaining", List.of("lots"), "X-MBX-USED-WEIGHT-1M", List.of("")));

    assertThat(QuotaHeaders.theOddsApi().read(junk)).isEqualTo(QuotaHeaders.Reading.NONE);
    assertThat(QuotaHeaders.binanceUsedWeight().read(junk)).isEqualTo(QuotaHeaders.Reading.NONE);
    assertThat(QuotaHeaders.none().read(junk)).isEqualTo(QuotaHeaders.Reading.NONE);
  }
}
