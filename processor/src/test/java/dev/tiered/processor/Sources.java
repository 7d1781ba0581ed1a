package dev.tiered.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Test inputs (resources under {@code src/test/resources}) and the compilers that run Tiered on them. */
final class Sources {
  private Sources() {}

  /** The source file at {@code resource}, e.g. {@code errors/VoidMethod/UserService.java}. */
  static JavaFileObject source(String resource) {
    return JavaFileObjects.forResource(resource);
  }

  /** javac with a fresh Tiered processor and no options: what a user's build reports. */
  static Compiler tiered() {
    return javac().withProcessors(new TieredProcessor());
  }

  /**
   * javac with a fresh Tiered processor, every lint on the generated code and warnings as errors: generated code must
   * pass it. The one lint left out, {@code processing}, is not about code: it reports every annotation that no
   * processor claims, and Tiered, like Dagger or AutoValue, claims none, so that other processors still see them
   * ({@link ProcessingTest#leavesEveryAnnotationToOtherProcessors}).
   */
  static Compiler strict() {
    return tiered().withOptions("-Xlint:all,-processing", "-Werror");
  }

  static Compilation compile(JavaFileObject... sources) {
    return tiered().compile(sources);
  }

  /** The text of {@code file}, exactly. */
  static String text(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The widest line the house style allows in generated code. */
  static final int MAX_COLUMNS = 120;

  /** Every line of {@code text}, the content of {@code name}, is at most {@link #MAX_COLUMNS} wide. */
  static void assertLinesFit(String name, String text) {
    List<String> lines = text.lines().toList();
    List<String> tooLong = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).length() > MAX_COLUMNS) {
        tooLong.add((i + 1) + ": " + lines.get(i));
      }
    }
    assertEquals(
        List.of(), tooLong, name + " has lines wider than " + MAX_COLUMNS + " columns");
  }

  /** The 1-based number of the only line of {@code file} that contains {@code anchor}. */
  static long lineOf(JavaFileObject file, String anchor) {
    List<String> lines = text(file).lines().toList();
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(anchor)) {
        if (found >= 0) {
          throw new IllegalArgumentException("\"" + anchor + "\" is on more than one line of " + file.getName());
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("\"" + anchor + "\" is not in " + file.getName());
    }
    return found + 1;
  }

  /**
   * The 1-based column where {@code anchor} starts on the only line of {@code file} that contains it: where javac's
   * caret must point for a diagnostic anchored there.
   */
  static long columnOf(JavaFileObject file, String anchor) {
    String line = text(file).lines().toList().get((int) lineOf(file, anchor) - 1);
    return line.indexOf(anchor) + 1;
  }
}
