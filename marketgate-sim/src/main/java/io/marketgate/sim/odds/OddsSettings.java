package io.marketgate.sim.odds;

/**
 * How the simulated odds feeds behave.
 *
 * @param oddsApiKey the one valid The Odds API key ({@code apiKey} query parameter)
 * @param oddsApiQuota the credits the key may spend before calls fail
 * @param oddsApiRequestsPerSecond the frequency limit (30 per second at The Odds API)
 * @param unabatedApiKey the one valid Unabated key ({@code x-api-key} query parameter)
 * @param linesField the spelling of Unabated's lines map
 * @param unabatedChangeBatches how many change batches the changes feed keeps; an older {@code
 *     lastTimestamp} gets {@code resultCode: "Failed"}
 */
public record OddsSettings(
    String oddsApiKey,
    long oddsApiQuota,
    double oddsApiRequestsPerSecond,
    String unabatedApiKey,
    UnabatedLinesField linesField,
    int unabatedChangeBatches) {

  /** Validates the settings. */
  public OddsSettings {
    if (oddsApiKey.isBlank() || unabatedApiKey.isBlank()) {
      throw new IllegalArgumentException("OddsSettings: API keys must not be blank");
    }
    if (oddsApiQuota < 0 || !(oddsApiRequestsPerSecond > 0) || unabatedChangeBatches < 1) {
      throw new IllegalArgumentException(
          "OddsSettings: quota must be >= 0, rate > 0 and change batches >= 1");
    }
  }
}
