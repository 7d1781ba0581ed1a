package dev.tiered.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the pieces that only Kotlin suspend functions have: the bridge at either end of the asynchronous path that
 * {@link MethodBodyWriter} writes for every future method. The decorator's suspend function awaits its asynchronous
 * counterpart; the loader starts the delegate's suspend function as a future in the scope that Tiered owns; an
 * invalidating suspend function calls the delegate in the caller's coroutine, then awaits the removals. Each call
 * passes the delegate a continuation of the bridge's in place of the caller's.
 */
final class SuspendWriter {
  private static final int BODY = MethodBodyWriter.BODY;
  private static final int CONTINUATION = MethodBodyWriter.CONTINUATION;

  private final GeneratedNames names;
  private final Lines lines;

  SuspendWriter(GeneratedNames names, Lines lines) {
    this.names = names;
    this.lines = lines;
  }

  /**
   * The body of the cached suspend function {@code c}: it awaits its asynchronous counterpart ({@link
   * MethodBodyWriter#suspendCounterpart}), which reads the tiers and loads as a method that returns a future does.
   */
  CodeBlock body(Cached c) {
    return awaitCounterpart(names.suspendCounterpart(c), c.signature(), MethodBodyWriter.arguments(c));
  }

  /** The body of the bulk suspend function {@code b}: it awaits its asynchronous counterpart, as {@link #body}. */
  CodeBlock body(Bulk b) {
    return awaitCounterpart(names.suspendCounterpart(b), b.signature(), Shape.SUSPEND.arguments(b.signature()));
  }

  private CodeBlock awaitCounterpart(String counterpart, Signature s, List<Parameter> arguments) {
    String args = arguments.stream().map(Parameter::name).collect(Collectors.joining(", "));
    CodeBlock future = CodeBlock.of("$N($L)", counterpart, args);
    String continuation = callerContinuation(s);
    CodeBlock await = RuntimeApi.awaitSuspended(future, continuation, false);
    if (!lines.fits(BODY, CodeBlock.of("return $L;", await))) {
      await = RuntimeApi.awaitSuspended(future, continuation, true);
    }
    return CodeBlock.builder()
        .add("// The caller waits with its thread free; its cancellation ends its own wait, never a shared load\n")
        .addStatement("return $L", await)
        .build();
  }

  /**
   * The loader's first statement, {@code CompletableFuture<User> call = SuspendBridge.start(continuation ->
   * delegate.find(id, continuation));}: the delegate's suspend function started in the scope Tiered owns, which no
   * caller's cancellation reaches.
   *
   * @param value the cached value's type
   * @param call the name of the local that holds the future
   */
  CodeBlock startCall(Cached c, Locals locals, TypeName value, String call) {
    String continuation = locals.local("continuation");
    CodeBlock delegateCall = call(c.signature(), c.shape(), locals, continuation);
    return startCall(continuation, delegateCall, value, call);
  }

  /**
   * {@link #startCall(Cached, Locals, TypeName, String)} for a call of the delegate, {@code delegateCall}, made with
   * the lambda parameter {@code continuation}.
   */
  CodeBlock startCall(String continuation, CodeBlock delegateCall, TypeName value, String call) {
    CodeBlock start = RuntimeApi.startSuspend(continuation, delegateCall, false);
    TypeName type = RuntimeApi.completableFuture(value);
    CodeBlock.Builder code = CodeBlock.builder()
        .add("// Started in Tiered's own scope: no caller's cancellation stops a load that others wait for\n");
    // On one line; else the start on a line of its own; else the lambda on a line of its own.
    if (lines.fits(BODY, CodeBlock.of("$T $N = $L;", type, call, start))) {
      return code.addStatement("$T $N = $L", type, call, start).build();
    }
    if (lines.fits(BODY + CONTINUATION, CodeBlock.of("$L;", start))) {
      return code.addStatement("$T $N =\n$L", type, call, start).build();
    }
    return code.addStatement("$T $N = $L", type, call, RuntimeApi.startSuspend(continuation, delegateCall, true))
        .build();
  }

  /**
   * The body of the invalidating suspend function {@code inv}: the delegate's suspend function runs in the caller's
   * own coroutine (the change is the caller's alone, and its cancellation may stop it); once it returns normally,
   * {@code removals} start and the caller waits for them.
   */
  CodeBlock invalidatingBody(Invalidating inv, Locals locals, List<CodeBlock> removals, String batch) {
    Signature s = inv.signature();
    String continuation = locals.local("continuation");
    // Continuation lines: callThen's arguments 4 columns in, the removals 8.
    CodeBlock removal = batch == null ? removals.get(0) : RuntimeApi.announceAfter(batch, removals);
    CodeBlock call = call(s, inv.shape(), locals, continuation);
    return CodeBlock.builder()
        .add("// Once the delegate's suspend function returns normally, remove the entries from both tiers\n")
        .addStatement("return $L", RuntimeApi.callThenSuspended(continuation, call, removal, callerContinuation(s)))
        .build();
  }

  /**
   * A call of the delegate's suspend function with a continuation of the bridge's, {@code continuation}, in place
   * of the caller's: {@code delegate.find(id, continuation)}.
   */
  private CodeBlock call(Signature s, Shape shape, Locals locals, String continuation) {
    List<String> arguments = new ArrayList<>();
    shape.arguments(s).forEach(p -> arguments.add(p.name()));
    arguments.add(continuation);
    return MethodBodyWriter.delegateCall(names, s, locals, arguments);
  }

  /** The name of the caller's continuation, the last parameter of a suspend function. */
  private static String callerContinuation(Signature s) {
    return s.parameters().get(s.parameters().size() - 1).name();
  }
}
