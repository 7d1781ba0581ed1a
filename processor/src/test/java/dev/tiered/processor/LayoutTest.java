package dev.tiered.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Lines} and {@link Javadoc}: how writers keep generated lines within 120 columns. */
class LayoutTest {
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName USER = ClassName.get("test", "UserService", "User");

  @Test
  void aClassCountsAsWrittenImportedOrQualified() {
    CodeBlock code = CodeBlock.of("$T.equals(this.a, that.a) && $T.class", OBJECTS, USER);
    assertEquals("Objects.equals(this.a, that.a) && UserService.User.class".length(), new Lines(Set.of()).width(code));
    assertEquals(
        "java.util.Objects.equals(this.a, that.a) && UserService.User.class".length(),
        new Lines(Set.of("Objects")).width(code));
  }

  @Test
  void aLineFitsUpTo120Columns() {
    CodeBlock hundred = CodeBlock.of("$L", "x".repeat(100));
    assertTrue(new Lines(Set.of()).fits(20, hundred));
    assertFalse(new Lines(Set.of()).fits(21, hundred));
  }

  @Test
  void javadocWrapsBetweenWordsAndKeepsTagsWhole() {
    CodeBlock doc = new Javadoc()
        .text("Calls the delegate for")
        .word("{@link $T#find(long, java.lang.String)}", USER)
        .text("and writes the result.")
        .wrap(40);
    // CodeBlock.toString() writes the class with its package; JavaPoet writes it imported.
    assertEquals(
        "Calls the delegate for\n{@link test.UserService.User#find(long, java.lang.String)}\nand writes the result.\n",
        doc.toString());
  }

  @Test
  void javadocThatFitsStaysOnOneLine() {
    assertEquals("The key of {@code find}.\n", new Javadoc().text("The key of").word("{@code $L}.", "find").wrap(115)
        .toString());
  }
}
