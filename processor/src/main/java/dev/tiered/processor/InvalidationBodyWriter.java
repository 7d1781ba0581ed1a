package dev.tiered.processor;

import com.palantir.javapoet.CodeBlock;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import dev.tiered.processor.Model.Target;
import java.util.List;

/**
 * Writes the body of each {@code @Invalidate} method: the delegate's call, then the removal of its targets from both
 * tiers once the call returned normally (or its future completed normally), announced to other instances in one
 * message when there are several.
 */
final class InvalidationBodyWriter {
  private final GeneratedNames names;
  private final SuspendWriter suspend;

  InvalidationBodyWriter(GeneratedNames names, SuspendWriter suspend) {
    this.names = names;
    this.suspend = suspend;
  }

  /** The body of {@code inv}: the delegate's call, then the removals of its targets from both tiers. */
  CodeBlock body(Invalidating inv, Locals locals) {
    Signature s = inv.signature();
    CodeBlock call = MethodBodyWriter.delegateCall(names, s, locals, names(s));
    CodeBlock.Builder code = CodeBlock.builder();
    boolean async = inv.shape().isAsync();
    // Several targets share one announcement to the other instances, sent once every removal is done.
    String batch = inv.targets().size() > 1 ? locals.local("invalidation") : null;
    List<CodeBlock> removals = inv.targets().stream().map(t -> removal(t, locals, async, batch)).toList();
    CodeBlock declareBatch = batch == null
        ? CodeBlock.of("")
        : CodeBlock.of("$T $N = new $T();\n", RuntimeApi.INVALIDATION, batch, RuntimeApi.INVALIDATION);
    if (async && batch != null) {
      code.add("// Other instances hear all of this call's removals in one announcement\n").add(declareBatch);
    }
    if (inv.shape() == Shape.SUSPEND) {
      return code.add(suspend.invalidatingBody(inv, locals, removals, batch)).build();
    }
    if (async) {
      String result = locals.local("result");
      String removed = locals.local("removed");
      code.add("// Once the delegate's future completes normally, remove the entries from both tiers\n");
      // Continuation lines: the chained call 4 columns in, the lambda's own chain 8, the removals 12.
      CodeBlock removal = batch == null
          ? removals.get(0)
          : CodeBlock.of("$>$>$L$<$<", RuntimeApi.announceAfter(batch, removals));
      code.addStatement(
          "return $L.toCompletableFuture()\n.thenCompose($N -> $L\n$>$>.thenApply($N -> $N))$<$<",
          call, result, removal, removed, result);
      return code.build();
    }
    String result = null;
    if (s.returnType().isVoid()) {
      code.addStatement("$L", call);
    } else {
      result = locals.local("result");
      code.addStatement("$T $N = $L", TypeNames.of(s.returnType()), result, call);
    }
    code.add(batch == null
        ? "// The delegate returned normally: remove the entries from both tiers\n"
        : "// The delegate returned normally: remove the entries from both tiers; other instances hear it at once\n");
    code.add(declareBatch);
    for (CodeBlock removal : removals) {
      code.addStatement("$L", removal);
    }
    if (batch != null) {
      code.addStatement("$L", RuntimeApi.announce(batch));
    }
    if (result != null) {
      code.addStatement("return $N", result);
    }
    return code.build();
  }

  private CodeBlock removal(Target t, Locals locals, boolean async, String batch) {
    String cache = locals.field(names.field(t.method()));
    if (t.all()) {
      return RuntimeApi.invalidateAll(cache, async, batch);
    }
    return RuntimeApi.invalidate(cache, MethodBodyWriter.newKey(names, t.method(), cache, t.arguments()), async, batch);
  }

  private static List<String> names(Signature s) {
    return s.parameters().stream().map(Parameter::name).toList();
  }
}
