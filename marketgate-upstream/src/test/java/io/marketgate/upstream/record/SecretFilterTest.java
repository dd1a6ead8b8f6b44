package io.marketgate.upstream.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretFilterTest {

  @Test
  void query_credentialParameters_areRedactedAndDataKept() {
    assertThat(
            SecretFilter.query(
                "apiKey=abc&api_key=def&signature=s1&access_token=t&token_id=123&regions=us"
                    + "&timestamp=1767999600000&key=k&markets=h2h%2Cspreads"))
        .isEqualTo(
            "apiKey=REDACTED&api_key=REDACTED&signature=REDACTED&access_token=REDACTED"
                + "&token_id=123&regions=us&timestamp=1767999600000&key=REDACTED"
                + "&markets=h2h%2Cspreads");
  }

  @Test
  void query_none_isEmpty() {
    assertThat(SecretFilter.query(null)).isEmpty();
    assertThat(SecretFilter.query("")).isEmpty();
  }

  @Test
  void headers_credentialHeaders_areDropped() {
    Map<String, String> kept =
        SecretFilter.headers(
            Map.of(
                "KALSHI-ACCESS-KEY", "k",
                "KALSHI-ACCESS-SIGNATURE", "s",
                "KALSHI-ACCESS-TIMESTAMP", "1",
                "POLY_PASSPHRASE", "p",
                "X-MBX-APIKEY", "b",
                "Authorization", "Bearer x",
                "Cookie", "c",
                "Content-Type", "application/json",
                "Accept", "application/json"));

    assertThat(kept).containsOnlyKeys("Content-Type", "Accept");
  }
}
