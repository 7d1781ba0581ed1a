package dev.tiered.processor;

import com.palantir.javapoet.CodeBlock;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Parameter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the calls through {@code OutOfLine} with which a generated method reaches its miss and refresh helpers: calls
 * that the JIT compiles apart from the method, so that the method stays small enough to inline into its callers.
 */
final class OutOfLineCalls {
  private final Lines lines;

  OutOfLineCalls(Lines lines) {
    this.lines = lines;
  }

  /**
   * {@code return OutOfLine.callLong(this, id, (self, argument) -> self.findFromL2(argument))}'s expression, for a
   * statement at {@code column}: the call of the helper that serves an L1 miss. A helper of no argument, one {@code
   * long} or one object goes as a lambda that captures nothing, which the miss need not allocate; one of other
   * arguments as a lambda that captures them.
   */
  CodeBlock miss(int column, String helper, List<Parameter> parameters, Locals locals) {
    String self = locals.local("self");
    String method = "call";
    CodeBlock lambda;
    String body; // the lambda's body, measured as written: Lines would take `self.Find` for a class in package self
    TypeRef type = parameters.size() == 1 ? parameters.get(0).type() : null;
    if (parameters.isEmpty()) {
      lambda = CodeBlock.of("this, $N -> ", self);
      body = self + "." + helper + "()";
    } else if (type != null && (type.equals(new TypeRef.Primitive("long")) || !(type instanceof TypeRef.Primitive))) {
      String argument = locals.local("argument");
      method = type instanceof TypeRef.Primitive ? "callLong" : "callObject";
      lambda = CodeBlock.of("this, $N, ($N, $N) -> ", parameters.get(0).name(), self, argument);
      body = self + "." + helper + "(" + argument + ")";
    } else {
      lambda = CodeBlock.of("() -> ");
      body = helper + "(" + names(parameters) + ")";
    }
    return call(column, "return ", method, lambda, body);
  }

  /** {@code OutOfLine.run(() -> refreshFind(id))}, for a statement at {@code column}: the refresh of a stale hit. */
  CodeBlock refresh(int column, String helper, List<Parameter> parameters) {
    return call(column, "", "run", CodeBlock.of("() -> "), helper + "(" + names(parameters) + ")");
  }

  /** {@code OutOfLine.method(lambda body)}; with the lambda on a line of its own when the statement would not fit. */
  private CodeBlock call(int column, String statement, String method, CodeBlock lambda, String body) {
    boolean fits = column + lines.width(CodeBlock.of("$L$L;", statement, call(method, lambda, false)))
        + body.length() <= Lines.MAX;
    return call(method, CodeBlock.of("$L$L", lambda, body), !fits);
  }

  /** {@code OutOfLine.method(arguments)}, or, {@code broken}, the arguments on a line of their own, two steps in. */
  private static CodeBlock call(String method, CodeBlock arguments, boolean broken) {
    return CodeBlock.of(broken ? "$T.$L(\n$>$>$L)$<$<" : "$T.$L($L)", RuntimeApi.OUT_OF_LINE, method, arguments);
  }

  private static String names(List<Parameter> parameters) {
    return parameters.stream().map(Parameter::name).collect(Collectors.joining(", "));
  }
}
