package io.marketgate.upstream.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One recorded exchange: one line of a recording file. The wire DTO of the format; {@code null}
 * marks an absent part (no body, no error).
 *
 * @param v format version, {@value #VERSION}
 * @param wallTime ISO-8601 wall time the attempt was sent
 * @param endpoint endpoint label
 * @param method HTTP method
 * @param path raw URI path
 * @param query raw query string with credential values redacted; empty for none
 * @param requestHeaders request headers without credential headers
 * @param status HTTP status; 0 when no answer arrived
 * @param responseHeaders response headers without credential headers
 * @param bodyText the body, when it is UTF-8 text
 * @param bodyBase64 the body in base64, when it is not
 * @param latencyNanos time from sending to the answer (or the failure)
 * @param error the failure when no answer arrived
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Exchange(
    int v,
    String wallTime,
    String endpoint,
    String method,
    String path,
    String query,
    Map<String, String> requestHeaders,
    int status,
    Map<String, List<String>> responseHeaders,
    String bodyText,
    String bodyBase64,
    long latencyNanos,
    Failure error) {

  /** The current format version. */
  static final int VERSION = 1;

  /** The replay key of this exchange: method, path and redacted query. */
  String key() {
    return key(method, path, query);
  }

  /** The replay key of a request. */
  static String key(String method, String path, String query) {
    return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /**
   * A failure without an answer.
   *
   * @param outcome the {@link io.marketgate.upstream.Outcome} name
   * @param message the failure's message
   */
  record Failure(String outcome, String message) {}
}
