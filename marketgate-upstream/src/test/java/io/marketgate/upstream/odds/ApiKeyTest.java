package io.marketgate.upstream.odds;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

  private static final String KEY = "a+b/c=d secret";

  @Test
  void scrub_textWithPlainAndEncodedKey_replacesBoth() {
    ApiKey key = new ApiKey(KEY);

    assertThat(key.scrub("GET /x?apiKey=" + key.queryValue() + " (" + KEY + ")"))
        .isEqualTo("GET /x?apiKey=*** (***)");
  }

  @Test
  void scrub_exceptionWithKeyInCause_dropsCauseAndKeepsEndpointOutcomeStatus() {
    ApiKey key = new ApiKey(KEY);
    UpstreamException leaky =
        new UpstreamException(
            "odds_api.odds",
            Outcome.MALFORMED,
            0,
            "connection failed",
            new IOException("GET http://h/?apiKey=" + key.queryValue()));

    UpstreamException clean = key.scrub(leaky);

    assertThat(clean).hasMessage("odds_api.odds: connection failed").hasNoCause();
    assertThat(clean.endpoint()).isEqualTo("odds_api.odds");
    assertThat(clean.outcome()).isEqualTo(Outcome.MALFORMED);
  }

  @Test
  void scrub_exceptionWithoutKey_isReturnedAsIs() {
    ApiKey key = new ApiKey(KEY);
    UpstreamException e = new UpstreamException("x", Outcome.CLIENT_ERROR, 401, "HTTP 401");

    assertThat(key.scrub(e)).isSameAs(e);
  }

  @Test
  void toString_neverShowsKey() {
    assertThat(new ApiKey(KEY)).hasToString("ApiKey[***]");
  }
}
