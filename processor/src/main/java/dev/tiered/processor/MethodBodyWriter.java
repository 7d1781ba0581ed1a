package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.processor.GeneratedNames.Locals;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Deprecation;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes the decorator's implementation of each interface method and the loader of each cached one. A cached
 * method's body is put together from small pieces, each written once: make the key, read the tiers per the read
 * policy, serve a hit (count it, refresh a stale entry, refill L1), load on a miss; a loader calls the delegate and
 * writes the result per the write policy. The generated code thus shows each policy's control flow directly.
 */
final class MethodBodyWriter {
  /** Where the code of a decorator's method starts: two levels of two spaces. */
  static final int BODY = 4;
  /** Where the code of a lambda in such a method starts. */
  private static final int LAMBDA_BODY = 6;
  /** How far a continuation line is indented beyond the line it continues. */
  static final int CONTINUATION = 4;

  private final ClassName iface;
  private final GeneratedNames names;
  private final Lines lines;
  private final BulkBodyWriter bulkBodies;
  private final SuspendWriter suspend;
  private final InvalidationBodyWriter invalidations;
  private final OutOfLineCalls outOfLine;

  MethodBodyWriter(ClassName iface, GeneratedNames names, Lines lines) {
    this.iface = iface;
    this.names = names;
    this.lines = lines;
    this.bulkBodies = new BulkBodyWriter(iface, names, lines);
    this.suspend = new SuspendWriter(names, lines);
    this.invalidations = new InvalidationBodyWriter(names, suspend);
    this.outOfLine = new OutOfLineCalls(lines);
  }

  /** The names and references one generated method of a cached method works with. */
  private final class Scope {
    final Cached method;
    final Locals locals;
    final String cache;
    String key;

    Scope(Cached method) {
      this.method = method;
      this.locals = names.locals(method.signature().parameters());
      this.cache = locals.field(names.field(method));
    }

    TypeName value() {
      return TypeNames.of(method.valueType());
    }

    Policies policies() {
      return method.policies();
    }

    /** {@code () -> loadFind(key, id)}: what loads the value on a miss or a refresh. */
    CodeBlock loader() {
      String args = arguments(method).stream().map(p -> ", " + p.name()).collect(Collectors.joining());
      return CodeBlock.of("() -> $N($N$L)", names.loader(method), key, args);
    }
  }

  MethodSpec implementation(Method method) {
    Signature s = method.signature();
    MethodSpec.Builder spec = MethodSpec.methodBuilder(s.name())
        .addAnnotation(Override.class)
        .addAnnotations(DecoratorWriter.deprecation(s.deprecation()))
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeNames.of(s.returnType()))
        .varargs(s.varargs());
    for (Parameter p : s.parameters()) {
      spec.addParameter(TypeNames.of(p.type()), p.name());
    }
    spec.addExceptions(TypeNames.of(s.thrown()));
    if (method instanceof Cached c && c.shape() == Shape.SUSPEND) {
      spec.addCode(suspend.body(c));
    } else if (method instanceof Cached c) {
      spec.addCode(c.shape().isAsync() ? asyncBody(new Scope(c)) : syncBody(new Scope(c)));
    } else if (method instanceof Bulk b && b.shape() == Shape.SUSPEND) {
      spec.addCode(suspend.body(b));
    } else if (method instanceof Bulk b) {
      spec.addCode(bulkBodies.body(b));
    } else if (method instanceof Invalidating inv) {
      spec.addCode(invalidations.body(inv, names.locals(s.parameters())));
    } else {
      CodeBlock call = delegateCall(s, names.locals(s.parameters()));
      spec.addStatement(s.returnType().isVoid() ? "$L" : "return $L", call);
    }
    return spec.build();
  }

  private CodeBlock delegateCall(Signature s, Locals locals) {
    return delegateCall(names, s, locals, s.parameters().stream().map(Parameter::name).toList());
  }

  /** {@code delegate.find(id)}: a call of the delegate's {@code s} with {@code arguments}, named in {@code locals}. */
  static CodeBlock delegateCall(GeneratedNames names, Signature s, Locals locals, List<String> arguments) {
    return CodeBlock.of("$L.$N($L)", locals.field(names.delegate()), s.name(), String.join(", ", arguments));
  }

  /** The parameters whose values a cached method's key, loader and helpers take: all but a continuation. */
  static List<Parameter> arguments(Cached c) {
    return c.shape().arguments(c.signature());
  }

  /** {@code new FindKey(find.space(), id)}: a key of {@code c} in {@code cache}'s current space. */
  static CodeBlock newKey(GeneratedNames names, Cached c, String cache, List<String> arguments) {
    String args = arguments.stream().map(a -> ", " + a).collect(Collectors.joining());
    return RuntimeApi.newKey(names.keyClass(c), cache, args);
  }

  private CodeBlock declareKey(Scope scope) {
    scope.key = scope.locals.local("key");
    List<String> arguments = scope.method.keyParameters().stream().map(Parameter::name).toList();
    return CodeBlock.builder()
        .addStatement("$N $N = $L", names.keyClass(scope.method), scope.key,
            newKey(names, scope.method, scope.cache, arguments))
        .build();
  }

  // ------------------------------------------------------------------ cached methods

  private CodeBlock syncBody(Scope scope) {
    CodeBlock.Builder code = CodeBlock.builder().add(declareKey(scope));
    String cache = scope.cache;
    String key = scope.key;
    CodeBlock load = RuntimeApi.load(cache, key, scope.loader());
    if (readsL2Apart(scope.method)) {
      // An L1 hit is served here, an L1 miss by a helper that makes its own key: the key of an L1 hit then never
      // leaves this method, and the JIT need not allocate it. The hit comes first, so that the JIT inlines it first.
      // The helper is called out of line, so that its code stays out of this method's (see OutOfLine).
      String entry = scope.locals.local("entry");
      code.addStatement("$T $N = $L", RuntimeApi.entry(scope.value()), entry, RuntimeApi.readL1(cache, key));
      code.beginControlFlow("if ($N != null)", entry);
      code.add(serve(scope, CodeBlock.of("$N", entry), RuntimeApi.tier("L1"), BODY + 2, "L1"));
      code.addStatement("return $L", wrap(scope, RuntimeApi.entryValue(entry)));
      code.endControlFlow();
      code.addStatement("return $L",
          outOfLine.miss(BODY, names.fromL2(scope.method), arguments(scope.method), scope.locals));
      return code.build();
    }
    String hit = scope.locals.local("hit");
    code.add(readComment(scope.policies()));
    RuntimeApi.Call read = readTiers(scope);
    TypeName hitType = RuntimeApi.hit(scope.value());
    if (lines.fits(BODY, CodeBlock.of("$T $N = $L.join();", hitType, hit, read.inline()))) {
      code.addStatement("$T $N = $L.join()", hitType, hit, read.inline());
    } else {
      // A statement's continuation is one step in; the arguments, two.
      code.addStatement("$T $N = $L\n.join()", hitType, hit, read.broken(2));
    }
    code.beginControlFlow("if ($N == null)", hit);
    code.addStatement("return $L", wrap(scope, load));
    code.endControlFlow();
    code.add(serve(scope, RuntimeApi.hitEntry(hit), RuntimeApi.hitTier(hit), BODY));
    code.addStatement("return $L", wrap(scope, RuntimeApi.hitValue(hit)));
    return code.build();
  }

  /** Whether {@code c} reads L1 inline and L2 in a {@link #fromL2} helper: a synchronous method read SEQUENTIAL. */
  static boolean readsL2Apart(Cached c) {
    return !c.shape().isAsync() && c.policies().read() == ReadPolicy.SEQUENTIAL;
  }

  /** Whether a stale L1 hit of {@code c} is refreshed by a {@link #refresh} helper: such a method, with a stale time. */
  static boolean refreshesApart(Cached c) {
    return readsL2Apart(c) && !c.policies().stale().isZero();
  }

  /**
   * The helper that refreshes a stale L1 hit of {@code c}. Like {@link #fromL2}, it makes its own key: a key passed
   * on from the hit would leave the method once stale hits had happened, and every hit would allocate it.
   */
  MethodSpec refresh(Cached c) {
    Scope scope = new Scope(c);
    MethodSpec.Builder spec = helper(names.refresh(c), "Refreshes a stale entry of", c.signature(),
        "in the background. It makes its own key, so that an L1 hit's key stays in the method that made it, where"
            + " the JIT can do without allocating it; and it is called out of line, like the helper that serves a miss.");
    addArguments(spec, c);
    CodeBlock.Builder code = CodeBlock.builder().add(declareKey(scope));
    code.addStatement("$L", RuntimeApi.refresh(scope.cache, scope.key, scope.loader(), false));
    return spec.addCode(code.build()).build();
  }

  /** The helper that serves a call of {@code c} after L1 missed: reads L2, then loads on a miss. */
  MethodSpec fromL2(Cached c) {
    Scope scope = new Scope(c);
    Signature s = c.signature();
    MethodSpec.Builder spec = helper(names.fromL2(c), "Serves", s,
        "after L1 missed: reads L2, then calls the delegate on a miss. It makes its own key, so that an L1 hit's key"
            + " stays in the method that made it, where the JIT can do without allocating it; and it is called out of"
            + " line, so that its code stays out of that method's, which the JIT then inlines into its callers.")
        .returns(TypeNames.of(s.returnType()))
        .addExceptions(TypeNames.of(s.thrown()));
    addArguments(spec, c);
    CodeBlock.Builder code = CodeBlock.builder().add(declareKey(scope));
    String cache = scope.cache;
    String key = scope.key;
    String entry = scope.locals.local("entry");
    code.addStatement("$T $N = $L", RuntimeApi.entry(scope.value()), entry, RuntimeApi.readL2(cache, key));
    code.beginControlFlow("if ($N == null)", entry);
    code.addStatement("return $L", wrap(scope, RuntimeApi.load(cache, key, scope.loader())));
    code.endControlFlow();
    code.add(serve(scope, CodeBlock.of("$N", entry), RuntimeApi.tier("L2"), BODY, "L2"));
    code.addStatement("return $L", wrap(scope, RuntimeApi.entryValue(entry)));
    return spec.addCode(code.build()).build();
  }

  /** Declares the arguments of {@code c} as parameters of its helper {@code spec}. */
  private static void addArguments(MethodSpec.Builder spec, Cached c) {
    for (Parameter p : arguments(c)) {
      spec.addParameter(TypeNames.of(p.type()), p.name());
    }
  }

  /**
   * The future that the suspend function {@code c} awaits ({@link SuspendWriter#body}): the tiers' answer, or the
   * load its key shares, as a method that returns a future gives it.
   */
  MethodSpec suspendCounterpart(Cached c) {
    Scope scope = new Scope(c);
    Signature s = c.signature();
    MethodSpec.Builder spec = helper(names.suspendCounterpart(c), "The future that the suspend function", s,
        "awaits: the answer of the tiers, or the load that its key shares.")
        .returns(RuntimeApi.completableFuture(scope.value()));
    addArguments(spec, c);
    return spec.addCode(asyncBody(scope)).build();
  }

  /** The future that the bulk suspend function {@code b} awaits: the bulk body that a future-returning one has. */
  MethodSpec suspendCounterpart(Bulk b) {
    Signature s = b.signature();
    Parameter ids = s.parameters().get(0);
    TypeName map = RuntimeApi.map(TypeNames.of(b.idType()), TypeNames.of(b.target().valueType()));
    return helper(names.suspendCounterpart(b), "The future that the suspend function", s,
        "awaits: the tiers' entries and one load of the ids they miss.")
        .returns(RuntimeApi.completableFuture(map))
        .addParameter(TypeNames.of(ids.type()), ids.name())
        .addCode(bulkBodies.body(b))
        .build();
  }

  /** A private helper method named {@code name}, its javadoc {@code before}, a link to {@code s}, {@code after}. */
  private MethodSpec.Builder helper(String name, String before, Signature s, String after) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(new Javadoc()
            .text(before)
            .word("{@link $T#$L}", iface, TypeNames.javadocMember(s.name(), s.declaredParameterTypes()))
            .text(after)
            .wrap(Javadoc.MEMBER_WIDTH))
        .addModifiers(Modifier.PRIVATE);
  }

  private CodeBlock asyncBody(Scope scope) {
    CodeBlock.Builder code = CodeBlock.builder().add(declareKey(scope));
    String hit = scope.locals.local("hit");
    code.add(readComment(scope.policies()));
    RuntimeApi.Call read = readTiers(scope);
    boolean fits = lines.fits(BODY, CodeBlock.of("return $L.thenCompose($N -> {", read.inline(), hit));
    if (fits) {
      code.add("return $L.thenCompose($N -> {\n$>", read.inline(), hit);
    } else {
      // The chained call one step (4 columns) in, the read's arguments two, the lambda's body 2 beyond the call.
      code.add("return $L\n$>$>.thenCompose($N -> {\n$>", read.broken(4), hit);
    }
    code.beginControlFlow("if ($N == null)", hit);
    code.addStatement("return $L", RuntimeApi.loadAsync(scope.cache, scope.key, scope.loader()));
    code.endControlFlow();
    // The lambda's body: 2 beyond the statement, or 4 more when the read was laid out over several lines.
    code.add(serve(scope, RuntimeApi.hitEntry(hit), RuntimeApi.hitTier(hit), fits ? LAMBDA_BODY : LAMBDA_BODY + 4));
    code.addStatement("return $T.completedFuture($L)", RuntimeApi.COMPLETABLE_FUTURE, RuntimeApi.hitValue(hit));
    code.add(fits ? "$<});\n" : "$<});\n$<$<");
    return code.build();
  }

  private static CodeBlock readComment(Policies p) {
    switch (p.read()) {
      case RACE:
        return CodeBlock.of("// RACE: both tiers start together; the first hit wins and the loser is $L\n",
            loserFate(p.raceLoser()));
      case PARALLEL:
        return CodeBlock.of(
            "// PARALLEL: both tiers are read and awaited; the entry that lives longer wins, L1 on ties\n");
      default:
        return CodeBlock.of("// SEQUENTIAL: L1, then L2 only when L1 misses\n");
    }
  }

  static String loserFate(RaceLoserPolicy loser) {
    return loser == RaceLoserPolicy.DROP ? "dropped" : "left to finish";
  }

  /** A {@code CompletableFuture<Hit<V>>} reading the tiers per the read policy. */
  private static RuntimeApi.Call readTiers(Scope scope) {
    switch (scope.policies().read()) {
      case RACE:
        return RuntimeApi.readRace(scope.cache, scope.key, scope.policies().raceLoser());
      case PARALLEL:
        return RuntimeApi.readParallel(scope.cache, scope.key);
      default:
        return RuntimeApi.readSequential(scope.cache, scope.key);
    }
  }

  /**
   * Serves a hit of {@code entry} found in {@code tier}: counts it, refreshes it when it is stale, and otherwise
   * refills L1 after an L2 hit when the refill policy says so. Every read policy serves its hits here.
   */
  private CodeBlock serve(Scope scope, CodeBlock entry, CodeBlock tier, int column) {
    return serve(scope, entry, tier, column, null);
  }

  /** {@link #serve}, where {@code known} names the tier when the code knows it ({@code "L1"}, {@code "L2"}). */
  private CodeBlock serve(Scope scope, CodeBlock entry, CodeBlock tier, int column, String known) {
    boolean async = scope.method.shape().isAsync();
    CodeBlock.Builder code = CodeBlock.builder();
    CodeBlock recordHit = RuntimeApi.recordHit(scope.cache, scope.key, entry, tier);
    if (lines.fits(column, CodeBlock.of("if ($L == $L) {", recordHit, RuntimeApi.stale()))) {
      code.beginControlFlow("if ($L == $L)", recordHit, RuntimeApi.stale());
    } else {
      code.beginControlFlow("if ($L$>$>\n== $L)$<$<", recordHit, RuntimeApi.stale());
    }
    if ("L1".equals(known) && refreshesApart(scope.method)) {
      // Two steps in: in the if block.
      code.addStatement("$L", outOfLine.refresh(column + 2, names.refresh(scope.method), arguments(scope.method)));
    } else {
      code.addStatement("$L", RuntimeApi.refresh(scope.cache, scope.key, scope.loader(), async));
    }
    if (scope.policies().refill() == RefillPolicy.ALWAYS && !"L1".equals(known)) {
      if (known == null) {
        code.nextControlFlow("else if ($L == $L)", tier, RuntimeApi.tier("L2"));
      } else {
        code.nextControlFlow("else");
      }
      code.add("// refill ALWAYS: a fresh L2 hit warms L1\n");
      code.addStatement("$L", RuntimeApi.refillL1(scope.cache, scope.key, entry));
    }
    return code.endControlFlow().build();
  }

  private static CodeBlock wrap(Scope scope, CodeBlock value) {
    return scope.method.shape() == Shape.OPTIONAL
        ? CodeBlock.of("$T.ofNullable($L)", RuntimeApi.OPTIONAL, value)
        : value;
  }

  // ------------------------------------------------------------------ loaders

  /** The helper that calls the delegate's bulk method for {@code b} and writes what it returns. */
  MethodSpec loader(Bulk b) {
    return bulkBodies.loader(b);
  }

  /** The helper that calls the delegate for {@code c} and writes the result to the tiers. */
  MethodSpec loader(Cached c) {
    Scope scope = new Scope(c);
    Signature s = c.signature();
    scope.key = scope.locals.local("key");
    String value = scope.locals.local("value");
    String entry = scope.locals.local("entry");
    MethodSpec.Builder spec = helper(names.loader(c), "Calls the delegate for", s,
        "and writes the result to the tiers.")
        .addParameter(ClassName.get("", names.keyClass(c)), scope.key)
        .addExceptions(TypeNames.of(s.thrown()));
    if (s.deprecation() != Deprecation.NONE) {
      // The loader calls the deprecated method on the delegate.
      String warning = s.deprecation() == Deprecation.FOR_REMOVAL ? "removal" : "deprecation";
      spec.addAnnotation(DecoratorWriter.suppress(warning));
    }
    addArguments(spec, c);
    CodeBlock call = delegateCall(s, scope.locals);
    String cache = scope.cache;
    String key = scope.key;
    if (c.shape().isAsync()) {
      spec.returns(RuntimeApi.completableFuture(scope.value()));
      CodeBlock.Builder code = CodeBlock.builder();
      CodeBlock future = CodeBlock.of("$L.toCompletableFuture()", call);
      if (c.shape() == Shape.SUSPEND) {
        String started = scope.locals.local("call");
        code.add(suspend.startCall(c, scope.locals, scope.value(), started));
        future = CodeBlock.of("$N", started);
      }
      code.add("return $L.thenCompose($N -> {\n$>", future, value);
      code.addStatement("$T $N = $L", RuntimeApi.entry(scope.value()), entry, RuntimeApi.newEntry(cache, value));
      code.beginControlFlow("if ($N == null)", entry);
      code.addStatement("return $T.completedFuture($N)", RuntimeApi.COMPLETABLE_FUTURE, value);
      code.endControlFlow();
      code.add(writeComment(c.policies()));
      String written = scope.locals.local("written");
      CodeBlock write = writeAsync(scope, entry);
      // A write laid out over several lines has the chain's last call on a line of its own too.
      String next = write.toString().contains("\n") ? "\n" : "$Z";
      code.addStatement("return $L" + next + ".thenApply($N -> $N)", write, written, value);
      code.add("$<});\n");
      return spec.addCode(code.build()).build();
    }
    spec.returns(scope.value());
    spec.addStatement("$T $N = $L", scope.value(), value,
        c.shape() == Shape.OPTIONAL ? CodeBlock.of("$L.orElse(null)", call) : call);
    spec.addStatement("$T $N = $L", RuntimeApi.entry(scope.value()), entry, RuntimeApi.newEntry(cache, value));
    spec.beginControlFlow("if ($N != null)", entry);
    spec.addCode(writeComment(c.policies()));
    spec.addCode(write(scope, entry));
    spec.endControlFlow();
    spec.addStatement("return $N", value);
    return spec.build();
  }

  static CodeBlock writeComment(Policies p) {
    switch (p.write()) {
      case SEQUENTIAL:
        return CodeBlock.of("// SEQUENTIAL write: L1, then L2 only when L1 took it\n");
      case RACE:
        return CodeBlock.of("// RACE write: both tiers at once; done at the first success, the other is $L\n",
            loserFate(p.raceLoser()));
      default:
        return CodeBlock.of("// OPTIMISTIC_PARALLEL write: both tiers at once, both awaited\n");
    }
  }

  /** Statements writing {@code entry} to the tiers per the write policy, waiting for the writes. */
  private static CodeBlock write(Scope scope, String entry) {
    String cache = scope.cache;
    String key = scope.key;
    switch (scope.policies().write()) {
      case SEQUENTIAL:
        return CodeBlock.builder()
            .beginControlFlow("if ($L)", RuntimeApi.writeL1(cache, key, entry))
            .addStatement("$L", RuntimeApi.writeL2(cache, key, entry))
            .endControlFlow()
            .build();
      case RACE:
        RaceLoserPolicy loser = scope.policies().raceLoser();
        return CodeBlock.builder().addStatement("$L.join()", RuntimeApi.writeRace(cache, key, entry, loser)).build();
      default:
        return CodeBlock.builder().addStatement("$L", RuntimeApi.writeBoth(cache, key, entry)).build();
    }
  }

  /** A {@code CompletableFuture<Boolean>} writing {@code entry} to the tiers per the write policy. */
  private CodeBlock writeAsync(Scope scope, String entry) {
    String cache = scope.cache;
    String key = scope.key;
    WritePolicy write = scope.policies().write();
    if (write == WritePolicy.SEQUENTIAL) {
      String took = scope.locals.local("took");
      CodeBlock l1 = RuntimeApi.writeL1Async(cache, key, entry);
      CodeBlock l2 = RuntimeApi.writeL2Async(cache, key, entry);
      CodeBlock then = CodeBlock.of(
          ".thenCompose($N -> $N ? $L : $T.completedFuture(false))", took, took, l2, RuntimeApi.COMPLETABLE_FUTURE);
      // JavaPoet wraps the chain before .thenCompose past 100 columns; should that line pass 120, so does the
      // conditional, one step further in.
      if (lines.fits(LAMBDA_BODY + CONTINUATION, then)) {
        return CodeBlock.of("$L$Z$L", l1, then);
      }
      return CodeBlock.of("$L\n.thenCompose($N -> $N\n$>$>? $L\n: $T.completedFuture(false))$<$<",
          l1, took, took, l2, RuntimeApi.COMPLETABLE_FUTURE);
    }
    if (write == WritePolicy.RACE) {
      return RuntimeApi.writeRace(cache, key, entry, scope.policies().raceLoser());
    }
    return RuntimeApi.writeBothAsync(cache, key, entry);
  }
}
