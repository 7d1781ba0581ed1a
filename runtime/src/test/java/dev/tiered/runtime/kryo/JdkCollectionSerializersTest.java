package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.roundTrip;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.TestValues.Status;
import java.time.Month;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JDK collections come back as the same kind of collection, with their comparators and key types. */
class JdkCollectionSerializersTest {
  @Test
  void jdkCollectionsComeBackAsTheSameKindOfCollection() throws Exception {
    List<Object> values = List.of(
        List.of(), List.of(1), List.of(1, 2, 3), Stream.of("a", null, "b").toList(), List.of(1, 2, 3).subList(0, 2),
        Set.of(), Set.of("x"), Set.of("x", "y", "z"), Map.of(), Map.of("k", 1), Map.of("k", 1, "l", 2),
        Arrays.asList("p", "q"), Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
        Collections.singletonList("s"), Collections.singleton("s"), Collections.singletonMap("s", 1),
        Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
        Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2))),
        Collections.unmodifiableMap(new HashMap<>(Map.of("m", 1))),
        Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(3, 1, 2))),
        Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("b", 2, "a", 1))),
        Collections.emptySortedSet(),
        new ArrayDeque<>(List.of(1, 2)), new TreeMap<>(Map.of("z", 26, "y", 25)));
    for (Object value : values) {
      Object back = roundTrip(type(Object.class), value);
      if (value instanceof ArrayDeque<?>) {
        assertEquals(new ArrayList<>((ArrayDeque<?>) value), new ArrayList<>((ArrayDeque<?>) back));
      } else {
        assertEquals(value, back, () -> "round trip of " + value.getClass().getName());
      }
      Class<?> expected = expectedClass(value);
      assertTrue(expected.isInstance(back), () -> value.getClass().getName() + " came back as " + back.getClass());
    }
    // Enum collections, with their enum reachable from the type.
    ValueType statusSet = type(Set.class, type(Status.class));
    assertEquals(EnumSet.of(Status.SHIPPED), roundTrip(statusSet, EnumSet.of(Status.SHIPPED)));
    assertEquals(EnumSet.noneOf(Status.class), roundTrip(statusSet, EnumSet.noneOf(Status.class)));
    ValueType statusMap = type(Map.class, type(Status.class), type(String.class));
    EnumMap<Status, String> full = new EnumMap<>(Map.of(Status.OPEN, "o", Status.SHIPPED, "s"));
    assertEquals(full, roundTrip(statusMap, full));
    // An empty EnumMap keeps its key type: a key of another enum is refused.
    EnumMap<Status, String> empty = roundTrip(statusMap, new EnumMap<>(Status.class));
    assertEquals(Map.of(), empty);
    @SuppressWarnings({"unchecked", "rawtypes"}) // to try a key of the wrong enum
    Map<Object, String> raw = (Map) empty;
    assertThrows(ClassCastException.class, () -> raw.put(Month.MAY, "no"));
  }

  /** The class a collection comes back as: its own, except for a few JDK classes that only differ by a detail. */
  private static Class<?> expectedClass(Object value) {
    if (value instanceof EnumSet<?>) {
      return EnumSet.class; // which implementation depends on the enum's size
    } else if (value.getClass().getSimpleName().equals("SubList")) {
      return List.class; // a view of a List.of list comes back as a List.of list
    } else if (value == Collections.emptySortedSet()) {
      return Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass(); // the empty one is a subclass
    }
    return value.getClass();
  }
}
