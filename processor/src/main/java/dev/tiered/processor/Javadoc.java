package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Javadoc prose wrapped to a width, so that generated lines stay within 120 columns: JavaPoet writes javadoc as
 * given. A word is never split, and a {@code {@link ...}} or {@code {@code ...}} added as one word stays whole.
 */
final class Javadoc {
  /** The width of the text of a top-level type's javadoc: 120 columns less {@code " * "}. */
  static final int TYPE_WIDTH = 117;
  /** The width of the text of a member's javadoc, two spaces in. */
  static final int MEMBER_WIDTH = 115;

  private record Word(CodeBlock code, int width) {}

  private final List<Word> words = new ArrayList<>();

  /** Adds each word of {@code prose}. */
  Javadoc text(String prose) {
    for (String word : prose.split(" ")) {
      if (!word.isEmpty()) {
        words.add(new Word(CodeBlock.of("$L", word), word.length()));
      }
    }
    return this;
  }

  /**
   * Adds one word written as {@code format} with {@code args} ({@link CodeBlock#of}); a class argument counts as
   * its simple names, as JavaPoet writes an imported class.
   */
  Javadoc word(String format, Object... args) {
    Object[] shown = Arrays.stream(args)
        .map(a -> a instanceof ClassName c ? String.join(".", c.simpleNames()) : a)
        .toArray();
    int width = CodeBlock.of(format.replace("$T", "$L"), shown).toString().length();
    words.add(new Word(CodeBlock.of(format, args), width));
    return this;
  }

  /** The words, separated by spaces and broken into lines of at most {@code width}, ending with a newline. */
  CodeBlock wrap(int width) {
    CodeBlock.Builder out = CodeBlock.builder();
    int column = 0;
    for (Word word : words) {
      if (column > 0 && column + 1 + word.width() > width) {
        out.add("\n");
        column = 0;
      } else if (column > 0) {
        out.add(" ");
        column++;
      }
      out.add(word.code());
      column += word.width();
    }
    return out.add("\n").build();
  }
}
