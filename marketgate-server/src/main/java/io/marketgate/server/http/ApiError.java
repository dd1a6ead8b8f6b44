package io.marketgate.server.http;

import java.util.Map;

/**
 * An answer other than success, thrown by route code and turned into a JSON error document {@code
 * {"error": code, "message": …}} by the server. Unchecked; carries no stack trace.
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Map<String, Object> details;

  ApiError(int status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  ApiError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  /** A 400 for a bad request parameter, naming it. */
  static ApiError badParameter(String parameter, String message) {
    return new ApiError(400, "bad_parameter", message, Map.of("parameter", parameter));
  }

  /** A 404 for a missing resource. */
  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** Extra members of the error document (for example {@code parameter} or {@code age_ms}). */
  Map<String, Object> details() {
    return details;
  }
}
