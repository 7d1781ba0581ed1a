package dev.tiered.runtime.kryo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The JDK classes that every value may hold, whatever its declared type, and the JDK's hidden collection classes
 * that need serializers of their own. Changes when a JDK type is admitted or refused.
 */
final class JdkClasses {
  static final Class<?> UNMODIFIABLE_COLLECTION = Collections.unmodifiableCollection(new ArrayList<>()).getClass();
  static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new HashMap<>()).getClass();
  static final Class<?> ARRAYS_AS_LIST = Arrays.asList(1, 2).getClass();
  static final List<Class<?>> IMMUTABLE_LISTS = List.of(
      List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass(),
      List.of(1, 2, 3).subList(0, 2).getClass());
  static final List<Class<?>> IMMUTABLE_SETS = List.of(Set.of().getClass(), Set.of(1).getClass());
  static final List<Class<?>> IMMUTABLE_MAPS = List.of(Map.of().getClass(), Map.of(1, 1).getClass());

  /** The JDK classes every value may hold, by name. */
  static final Map<String, Class<?>> ALLOWED = allowed();

  private JdkClasses() {}

  /**
   * Whether a class name belongs to the platform (or to Kryo): such a class is allowed only by name, from {@link
   * #ALLOWED} or where a declared type names it, and is never admitted as the subtype of an open type.
   */
  static boolean isPlatform(String className) {
    return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.")
        || className.startsWith("com.esotericsoftware.");
  }

  /** The class of the values of {@code type}: its box for a primitive. */
  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    // Every decode of a primitive field checks its class: a table, not a MethodType made per call.
    return type == int.class ? Integer.class
        : type == long.class ? Long.class
        : type == boolean.class ? Boolean.class
        : type == double.class ? Double.class
        : type == float.class ? Float.class
        : type == char.class ? Character.class
        : type == byte.class ? Byte.class
        : type == short.class ? Short.class
        : Void.class;
  }

  private static Map<String, Class<?>> allowed() {
    List<Class<?>> classes = new ArrayList<>(List.of(
        Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class, Float.class,
        Double.class, String.class, BigDecimal.class, BigInteger.class, UUID.class, Date.class,
        Duration.class, Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
        OffsetTime.class, ZonedDateTime.class, ZoneOffset.class, ZoneId.of("UTC").getClass(), Year.class,
        YearMonth.class, MonthDay.class, Period.class, DayOfWeek.class, Month.class,
        ArrayList.class, LinkedList.class, ArrayDeque.class, HashMap.class, LinkedHashMap.class, TreeMap.class,
        HashSet.class, LinkedHashSet.class, TreeSet.class, EnumMap.class, EnumSet.class,
        Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class, ARRAYS_AS_LIST,
        Collections.emptyList().getClass(), Collections.emptySet().getClass(), Collections.emptyMap().getClass(),
        Collections.singletonList(1).getClass(), Collections.singleton(1).getClass(),
        Collections.singletonMap(1, 1).getClass(),
        UNMODIFIABLE_COLLECTION, UNMODIFIABLE_MAP,
        Collections.unmodifiableList(new ArrayList<>()).getClass(),
        Collections.unmodifiableList(new LinkedList<>()).getClass(),
        Collections.unmodifiableSet(new HashSet<>()).getClass(),
        Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(),
        Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass(),
        Collections.emptyNavigableSet().getClass(),
        Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(),
        Collections.unmodifiableNavigableMap(new TreeMap<>()).getClass(),
        Collections.emptyNavigableMap().getClass()));
    classes.addAll(IMMUTABLE_LISTS);
    classes.addAll(IMMUTABLE_SETS);
    classes.addAll(IMMUTABLE_MAPS);
    Map<String, Class<?>> byName = new HashMap<>();
    for (Class<?> c : classes) {
      byName.put(c.getName(), c);
    }
    return Map.copyOf(byName);
  }
}
