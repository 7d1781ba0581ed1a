package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The readable form of keys: unambiguous for any arguments, and equal for equal unordered collections. */
class KeyWriterTest {
  private static final KeySpace SPACE = new KeySpace("c", 1, "m");

  /** A key whose arguments are written by {@code writer}. */
  private static String render(Consumer<KeyWriter> writer) {
    return key(writer).toString();
  }

  private static MethodKey key(Consumer<KeyWriter> writer) {
    return new MethodKey(SPACE) {
      @Override
      protected int argumentsHash() {
        return 0;
      }

      @Override
      public boolean equals(Object other) {
        return this == other;
      }

      @Override
      protected void writeArguments(KeyWriter out) {
        writer.accept(out);
      }
    };
  }

  @Test
  void theIndexHashIsTheHashOfTheReadableFormAsAnAnnouncementSplitsIt() {
    List<MethodKey> keys = List.of(
        key(out -> out.add(42L).add("a:b")),
        key(out -> out.add("caf\u00e9").add(new HashSet<>(List.of("z", "a")))),
        key(out -> {}));
    for (MethodKey key : keys) {
      String readable = key.toString();
      String part = readable.substring(SPACE.prefix().length());
      assertEquals(KeyWriter.hash(readable, ""), key.readableHash(), readable);
      assertEquals(KeyWriter.hash(SPACE.prefix(), part), key.readableHash(), readable);
    }
    assertNotEquals(keys.get(0).readableHash(), key(out -> out.add(43L).add("a:b")).readableHash());
  }

  @Test
  void aKeyArgumentThatRendersAnotherKeyWhileItIsRenderedGetsAWriterOfItsOwn() {
    MethodKey inner = key(out -> out.add(7L));
    Object argument = new Object() {
      @Override
      public String toString() {
        return "x" + new String(inner.toUtf8(new byte[0]), StandardCharsets.UTF_8);
      }
    };
    MethodKey outer = key(out -> out.add(1L).add(argument).add(2L));
    assertEquals("c:v1:m:1:xc\\:v1\\:m\\:7:2", new String(outer.toUtf8(new byte[0]), StandardCharsets.UTF_8));
    assertEquals(outer.toString(), new String(outer.toUtf8(new byte[0]), StandardCharsets.UTF_8));
  }

  @Test
  void theRedisKeyIsTheReadableFormInUtf8AfterThePrefix() {
    List<Consumer<KeyWriter>> keys = List.of(
        out -> out.add(42L).add("a:b").add(true),
        out -> {},
        out -> out.add("caf\u00e9").add('\u20ac').add("\ud83d\ude00 emoji"),
        out -> out.add("lone \ud800 surrogate"),
        out -> out.add(new HashSet<>(List.of("\u00fcber", "zeta", "alpha"))).add(-7),
        out -> out.add(Map.of("k\u00e9y", List.of(1, 2))));
    for (String prefix : List.of("", "shop:", "bo\u00eete:")) {
      byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
      for (Consumer<KeyWriter> writer : keys) {
        MethodKey key = key(writer);
        assertArrayEquals(
            (prefix + key).getBytes(StandardCharsets.UTF_8), key.toUtf8(head), prefix + key);
      }
    }
  }

  @Test
  void argumentsFollowTheMethodsPrefix() {
    assertEquals("c:v1:m:42:a\\:b:true", render(out -> out.add(42L).add("a:b").add(true)));
    assertEquals("c:v1:m", render(out -> {}));
  }

  @Test
  void nullEmptyAndLookalikeStringsStayApart() {
    List<String> forms = new ArrayList<>();
    forms.add(render(out -> out.add((String) null)));
    forms.add(render(out -> out.add("\\N")));
    forms.add(render(out -> out.add("null")));
    forms.add(render(out -> out.add(List.of())));
    forms.add(render(out -> out.add(List.of(""))));
    forms.add(render(out -> out.add(List.of("", ""))));
    forms.add(render(out -> out.add(List.of(","))));
    forms.add(render(out -> out.add(List.of("a", "b"))));
    forms.add(render(out -> out.add(List.of("a,b"))));
    forms.add(render(out -> out.add(List.of(List.of("a"), List.of("b")))));
    forms.add(render(out -> out.add(List.of(List.of("a", "b")))));
    assertEquals(forms.size(), new HashSet<>(forms).size(), forms.toString());
  }

  @Test
  void equalSetsAndMapsWriteTheSameFormWhateverTheirIterationOrder() {
    Set<String> ab = new LinkedHashSet<>(List.of("b", "a,x", "c"));
    Set<String> ba = new LinkedHashSet<>(List.of("c", "a,x", "b"));
    assertEquals(render(out -> out.add(ab)), render(out -> out.add(ba)));

    Map<String, Integer> m1 = new LinkedHashMap<>();
    m1.put("x", 1);
    m1.put("y", 2);
    Map<String, Integer> m2 = new LinkedHashMap<>();
    m2.put("y", 2);
    m2.put("x", 1);
    assertEquals(render(out -> out.add(m1)), render(out -> out.add(m2)));
    assertEquals("c:v1:m:[(x,1),(y,2)]", render(out -> out.add(m2)));
    assertEquals("c:v1:m:[(x,1),(y,2)]", render(out -> out.add(new TreeMap<>(m2))));
  }

  @Test
  void listsKeepTheirOrder() {
    assertNotEquals(render(out -> out.add(List.of("a", "b"))), render(out -> out.add(List.of("b", "a"))));
  }

  @Test
  void generatedStyleSetsSortNestedGroups() {
    String a = render(out -> out.beginSet().beginGroup().add("k2").add(2).endGroup().beginGroup().add("k1").add(1)
        .endGroup().endSet());
    String b = render(out -> out.beginSet().beginGroup().add("k1").add(1).endGroup().beginGroup().add("k2").add(2)
        .endGroup().endSet());
    assertEquals(a, b);
    assertEquals("c:v1:m:[(k1,1),(k2,2)]", a);
  }

  @Test
  void aLoneSurrogateIsEscapedSoItCannotCollideWithAQuestionMark() {
    String lone = render(out -> out.add("what\uD800"));
    String question = render(out -> out.add("what?"));

    assertNotEquals(question, lone);
    assertNotEquals(
        new String(question.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
        new String(lone.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertEquals("c:v1:m:what\\uD800", lone);
    assertEquals("c:v1:m:\uD83D\uDE00", render(out -> out.add("\uD83D\uDE00")), "a pair is one code point, kept");
  }

  /**
   * Distinct argument tuples make distinct byte keys, over random strings drawn from the characters that could
   * confuse a key: separators, escapes, lone and paired surrogates, control characters, and the letters an escape
   * uses.
   */
  @Test
  void distinctArgumentTuplesAlwaysMakeDistinctUtf8Keys() {
    char[] alphabet = {
      'a', 'u', 'D', '8', '0', 'N', 'E', '?', '\\', ':', ',', '(', ')', '[', ']', '\n', '\r', '\0', '\u007f',
      '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFD', 'é'
    };
    Random random = new Random(20261203);
    Map<String, List<String>> byKey = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      List<String> tuple = List.of(randomString(random, alphabet), randomString(random, alphabet));
      String bytes = new String(
          render(out -> out.add(tuple.get(0)).add(tuple.get(1))).getBytes(StandardCharsets.UTF_8),
          StandardCharsets.ISO_8859_1);
      List<String> earlier = byKey.putIfAbsent(bytes, tuple);
      if (earlier != null) {
        assertEquals(earlier, tuple, "two tuples share the key bytes " + bytes);
      }
    }
  }

  private static String randomString(Random random, char[] alphabet) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(5);
    for (int i = 0; i < length; i++) {
      s.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return s.toString();
  }
}
