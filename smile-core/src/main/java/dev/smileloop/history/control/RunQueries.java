package dev.smileloop.history.control;

import dev.smileloop.history.entity.RunQuery;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.problem.SmileException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads the query of {@code GET /api/runs} from its text parameters, so a wrong value is a 400 that
 * names the parameter. Dates are ISO-8601 instants ({@code 2026-12-01T10:00:00Z}) or days ({@code
 * 2026-12-01}, UTC); a day in {@code to} includes that whole day.
 */
public final class RunQueries {

  private RunQueries() {}

  public static RunQuery parse(
      String tutorial, String outcome, String from, String to, String page, String size) {
    String status = blankToNull(outcome);
    if (status != null && LoopStatus.parse(status).isEmpty()) {
      throw invalid(
          "outcome must be one of "
              + Arrays.stream(LoopStatus.values())
                  .map(LoopStatus::wireName)
                  .collect(Collectors.joining(", "))
              + ", was \""
              + status
              + "\"");
    }
    try {
      return new RunQuery(
          blankToNull(tutorial),
          status,
          instant("from", from, false),
          instant("to", to, true),
          number("page", page, 1),
          number("size", size, RunQuery.DEFAULT_SIZE));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private static Instant instant(String name, String value, boolean endOfDay) {
    String text = blankToNull(value);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADay) {
        throw invalid(
            name
                + " must be an ISO-8601 instant (2026-12-01T10:00:00Z) or day (2026-12-01), was \""
                + text
                + "\"");
      }
    }
  }

  private static int number(String name, String value, int fallback) {
    String text = blankToNull(value);
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalid(name + " must be a whole number, was \"" + text + "\"");
    }
  }

  private static SmileException invalid(String message) {
    return new SmileException(SmileException.Kind.INVALID_INPUT, message);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
