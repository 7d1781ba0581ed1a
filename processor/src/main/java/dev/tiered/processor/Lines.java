package dev.tiered.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How wide generated code will be, so that a writer can lay out an expression that would pass 120 columns over
 * several lines. JavaPoet wraps only at 100 columns, and only where it is told it may.
 */
final class Lines {
  /** The widest line the house style allows. */
  static final int MAX = 120;

  /** A package prefix before a class name, as {@link CodeBlock#toString()} writes every class. */
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?!this\\.)((?:[a-z][a-z0-9_]*\\.)+)([A-Z]\\w*)");

  private final Set<String> qualified;

  /** @param qualified the simple names of the classes written with their packages in this file */
  Lines(Set<String> qualified) {
    this.qualified = qualified;
  }

  /** The width of {@code code} as written, a class taking its simple name unless it is written qualified. */
  int width(CodeBlock code) {
    Matcher m = QUALIFIED.matcher(code.toString());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(qualified.contains(m.group(2)) ? m.group() : m.group(2)));
    }
    m.appendTail(out);
    return out.length();
  }

  /** Whether {@code code} fits on one line that starts {@code column} spaces in. */
  boolean fits(int column, CodeBlock code) {
    return column + width(code) <= MAX;
  }
}
