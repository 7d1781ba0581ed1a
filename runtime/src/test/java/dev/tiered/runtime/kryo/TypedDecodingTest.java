package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.rename;
import static dev.tiered.runtime.kryo.TestValues.roundTrip;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A decoded value is of its declared type, type arguments included, or the entry is corrupt. The bytes here are
 * what another build writes under the same cache name and version after a method's type changed (a rolling
 * deploy), or what anyone with access to Redis writes: each would otherwise be served to callers that then fail
 * with a ClassCastException in their own code.
 */
class TypedDecodingTest {
  record Tag(String name) {}

  record User(long id, String name) {}

  /** Same name length, so that one can be renamed into the other in encoded bytes. */
  record TagsA(List<String> tags) {}

  record TagsB(List<Tag> tags) {}

  record Page<T>(List<T> items, int number) {}

  /** A generic interface and an implementation that binds it through its own type variable. */
  interface Box<T> {
    T item();
  }

  record Holder<T>(T item) implements Box<T> {}

  /** A user subclass of a generic class, with a field whose type the subclass binds. */
  static class Labelled<L> {
    L label;
  }

  static final class TagLabelled extends Labelled<List<Tag>> {}

  static final class StrLabelled extends Labelled<List<String>> {}

  /** Encodes {@code value} as {@code written} and decodes it as {@code declared}. */
  private static <V> V reread(ValueType written, Object value, ValueType declared) throws CorruptEntryException {
    byte[] bytes = codec(written).encode(new Entry<>(value, EXPIRES, STALE));
    ValueCodec<V> codec = codec(declared);
    return codec.decode(bytes).value();
  }

  private static void assertCorrupt(ValueType written, Object value, ValueType declared) {
    CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> reread(written, value, declared),
        () -> value + " written as " + written + " was served as " + declared);
    assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("is not allowed"), e.getMessage());
  }

  @Test
  void listOfStringsIsNotServedAsListOfTags() {
    assertCorrupt(type(List.class, type(String.class)), List.of("a", "b"), type(List.class, type(Tag.class)));
    assertCorrupt(type(Set.class, type(String.class)), new LinkedHashSet<>(List.of("a")),
        type(Set.class, type(Tag.class)));
  }

  @Test
  void nestedTypeArgumentsAreChecked() {
    Map<String, List<String>> value = new HashMap<>(Map.of("k", new ArrayList<>(List.of("a"))));
    assertCorrupt(type(Map.class, type(String.class), type(List.class, type(String.class))), value,
        type(Map.class, type(String.class), type(List.class, type(Tag.class))));
  }

  @Test
  void mapKeysAreChecked() {
    assertCorrupt(type(Map.class, type(String.class), type(Integer.class)), new TreeMap<>(Map.of("a", 1)),
        type(Map.class, type(Tag.class), type(Integer.class)));
  }

  @Test
  void optionalContentsAreChecked() {
    assertCorrupt(type(Optional.class, type(String.class)), Optional.of("a"), type(Optional.class, type(Tag.class)));
  }

  @Test
  void aLongArrayIsNotServedWhereUsersAreDeclared() {
    assertCorrupt(type(List.class, type(Object.class)), List.of(new long[] {1, 2}), type(List.class, type(User.class)));
    assertCorrupt(type(long[].class), new long[] {1, 2}, type(User[].class));
    assertCorrupt(type(long[].class), new long[] {1, 2}, type(User.class));
  }

  @Test
  void genericArrayComponentsAreChecked() {
    List<?>[] strings = {List.of("a")};
    assertCorrupt(type(List[].class, type(List.class, type(String.class))), strings,
        type(List[].class, type(List.class, type(Tag.class))));
  }

  /** Encodes {@code value}, renames its class into {@code declared}, as if that class had changed, and decodes. */
  private static void assertRenamedCorrupt(Object value, Class<?> declared) throws Exception {
    String from = "$" + value.getClass().getSimpleName();
    String to = "$" + declared.getSimpleName();
    byte[] bytes = codec(type(value.getClass())).encode(new Entry<>(value, EXPIRES, STALE));
    byte[] renamed = rename(bytes, from, to);

    CorruptEntryException e =
        assertThrows(CorruptEntryException.class, () -> codec(type(declared)).decode(renamed));
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void recordComponentsAreCheckedWithTheirTypeArguments() throws Exception {
    assertRenamedCorrupt(new TagsA(List.of("a")), TagsB.class);
  }

  @Test
  void aGenericRecordIsCheckedAgainstItsDeclaredTypeArgument() {
    assertCorrupt(type(Page.class, type(String.class)), new Page<>(List.of("a"), 1),
        type(Page.class, type(Tag.class)));
  }

  @Test
  void anImplementationIsCheckedThroughTheTypeArgumentsItBinds() {
    assertCorrupt(type(Box.class, type(String.class)), new Holder<>("a"), type(Box.class, type(Tag.class)));
  }

  @Test
  void aSuperclassFieldIsCheckedThroughTheSubclassBinding() throws Exception {
    StrLabelled strings = new StrLabelled();
    strings.label = List.of("not a tag");
    assertRenamedCorrupt(strings, TagLabelled.class);
  }

  @Test
  void aPollutedValueIsRefusedWhenEncodedSoThatNothingIsWrittenThatCannotBeRead() {
    @SuppressWarnings({"unchecked", "rawtypes"}) // heap pollution: a List<String> passed off as a List<Tag>
    List<Tag> polluted = (List) List.of("a");
    ValueCodec<List<Tag>> codec = codec(type(List.class, type(Tag.class)));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Entry<>(polluted, EXPIRES, STALE)));
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void valuesOfTheDeclaredTypeStillDecode() throws Exception {
    ValueType tags = type(List.class, type(Tag.class));
    assertEquals(List.of(new Tag("a")), roundTrip(tags, List.of(new Tag("a"))));
    Map<String, List<Tag>> byName = new HashMap<>(Map.of("k", new ArrayList<>(List.of(new Tag("a")))));
    assertEquals(byName, roundTrip(type(Map.class, type(String.class), tags), byName));
    assertEquals(new Page<>(List.of(new Tag("a")), 2), roundTrip(type(Page.class, type(Tag.class)),
        new Page<>(List.of(new Tag("a")), 2)));
    assertEquals(new Holder<>(new Tag("a")), roundTrip(type(Box.class, type(Tag.class)), new Holder<>(new Tag("a"))));
    assertEquals(Optional.of(new Tag("a")),
        roundTrip(type(Optional.class, type(Tag.class)), Optional.of(new Tag("a"))));
    List<?>[] array = {List.of(new Tag("a")), null};
    assertArrayEquals(array, roundTrip(type(List[].class, tags), array));
    TagLabelled labelled = new TagLabelled();
    labelled.label = List.of(new Tag("b"));
    assertEquals(labelled.label, roundTrip(type(TagLabelled.class), labelled).label);
    EnumMap<TestValues.Status, List<Tag>> byStatus = new EnumMap<>(TestValues.Status.class);
    byStatus.put(TestValues.Status.SHIPPED, List.of(new Tag("c")));
    assertEquals(byStatus,
        roundTrip(type(Map.class, type(TestValues.Status.class), tags), byStatus));
    // Raw and Object-typed positions hold what they held before.
    assertEquals(List.of("a", 1), roundTrip(type(List.class), List.of("a", 1)));
    assertEquals(List.of("a", 1), roundTrip(type(List.class, type(Object.class)), List.of("a", 1)));
  }
}
