package com.earshot.platform.database;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum the database stores, as one of its enum types ({@code V2__enum_types.sql}) or as checked
 * text: each constant is stored as its name in lower case ({@code MODEL_A}: {@code model_a}).
 */
public interface DatabaseEnum {

  /** The constant's name; every enum has it. */
  String name();

  default String databaseValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant stored as {@code value}.
   *
   * @throws IllegalArgumentException when no constant is: the database holds what the code does not
   *     know
   */
  static <E extends Enum<E> & DatabaseEnum> E fromDatabase(Class<E> type, String value) {
    return find(type, value)
        .orElseThrow(
            () -> new IllegalArgumentException("Unknown " + type.getSimpleName() + " " + value));
  }

  /** The constant stored as {@code value}, or none for null or a value no constant has. */
  static <E extends Enum<E> & DatabaseEnum> Optional<E> find(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.databaseValue().equals(value)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
