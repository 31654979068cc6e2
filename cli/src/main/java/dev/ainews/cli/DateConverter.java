package dev.ainews.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --from}/{@code --to} values: a day ({@code 2025-01-27}, midnight UTC), a UTC
 * date-time without zone ({@code 2025-01-27T10:00}), or an ISO-8601 instant or
 * offset date-time ({@code 2025-01-27T10:00:00Z}, {@code 2025-01-27T18:00+08:00}).
 * A bad value is a usage error (exit 2).
 */
final class DateConverter implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    return parse(value);
  }

  static Instant parse(String value) {
    String v = value.trim();
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (v.endsWith("Z") || v.endsWith("z") || v.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(v.toUpperCase(java.util.Locale.ROOT)).toInstant();
      }
      return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a date: expected YYYY-MM-DD (UTC) or an ISO-8601"
          + " time such as 2025-01-27T10:00:00Z");
    }
  }
}
