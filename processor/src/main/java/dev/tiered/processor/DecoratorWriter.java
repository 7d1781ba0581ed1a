package dev.tiered.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.processor.Model.Bypassed;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Decorator;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import dev.tiered.processor.Model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes the decorator of a {@link Decorator} model. Each method body is assembled from small pieces (a key, an L1
 * read, an L2 read, a race, a load, a write-back), chosen by the method's policies, so that the generated code
 * shows the policy's control flow directly.
 */
final class DecoratorWriter {
  private static final String RUNTIME = "dev.tiered.runtime";
  private static final ClassName METHOD_CACHE = ClassName.get(RUNTIME + ".internal", "MethodCache");
  private static final ClassName HIT = ClassName.get(RUNTIME + ".internal", "Hit");
  private static final ClassName TIER = ClassName.get(RUNTIME + ".internal", "Tier");
  private static final ClassName FRESHNESS = ClassName.get(RUNTIME + ".internal", "Freshness");
  private static final ClassName CONTEXT = ClassName.get(RUNTIME + ".internal", "CacheContext");
  private static final ClassName ENTRY = ClassName.get(RUNTIME, "Entry");
  private static final ClassName METHOD_KEY = ClassName.get(RUNTIME + ".internal", "MethodKey");
  private static final ClassName KEY_SPACE = ClassName.get(RUNTIME + ".internal", "KeySpace");
  private static final ClassName KEY_WRITER = ClassName.get(RUNTIME + ".internal", "KeyWriter");
  private static final ClassName STATS = ClassName.get(RUNTIME, "TieredStats");
  private static final ClassName TIERED_CACHE = ClassName.get(RUNTIME, "TieredCache");
  private static final ClassName OPTIONS = ClassName.get(RUNTIME + ".internal", "TieredOptions");
  private static final ClassName TIERED_BUILDER = ClassName.get(RUNTIME, "TieredBuilder");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName RACE_LOSER = ClassName.get("dev.tiered", "RaceLoserPolicy");
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private final Decorator model;
  private final boolean generatedAvailable;

  DecoratorWriter(Decorator model, boolean generatedAvailable) {
    this.model = model;
    this.generatedAvailable = generatedAvailable;
  }

  JavaFile write() {
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(model.iface())
        .addSuperinterface(TIERED_CACHE)
        .addOriginatingElement(model.element())
        .addJavadoc(classJavadoc())
        .addAnnotations(deprecation(model.element()));
    if (generatedAvailable) {
      type.addAnnotation(
          AnnotationSpec.builder(GENERATED).addMember("value", "$S", TieredProcessor.class.getName()).build());
    }
    type.addField(model.iface(), "delegate", Modifier.PRIVATE, Modifier.FINAL);
    for (Cached c : model.cached()) {
      type.addField(FieldSpec.builder(cacheType(c), c.field(), Modifier.PRIVATE, Modifier.FINAL).build());
    }
    type.addMethod(publicConstructor());
    type.addMethod(constructor());
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder for a decorator with optional parts: executor, clock, listener, value format.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(builderName())
        .addStatement("return new $T()", builderName())
        .build());
    type.addMethod(cacheName());
    type.addMethod(stats());
    type.addMethod(statsOf());
    type.addMethod(onEveryCache("invalidateAll"));
    type.addMethod(onEveryCache("close"));
    for (Method method : model.methods()) {
      type.addMethod(implementation(method));
    }
    for (Cached c : model.cached()) {
      type.addMethod(loader(c));
    }
    for (Cached c : model.cached()) {
      type.addType(keyClass(c));
    }
    type.addType(builder());
    return JavaFile.builder(model.generated().packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ------------------------------------------------------------------ class, fields, constructors

  private CodeBlock classJavadoc() {
    Policies p = model.defaults();
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("A two-tier caching decorator of {@link $T}, written by the Tiered annotation processor.\n\n", model.iface())
        .add("<p>Cache {@code $L}: L1 {@link $T}, L2 {@link $T}; reads {@code $L}, writes {@code $L}, refill {@code $L}",
            model.cacheName(), model.l1(), model.l2(), p.read(), p.write(), p.refill())
        .add(", ttl $L", format(p.ttl()));
    if (!p.l1Ttl().equals(p.ttl())) {
      doc.add(" ($L in L1)", format(p.l1Ttl()));
    }
    if (!p.stale().isZero()) {
      doc.add(", stale after $L", format(p.stale()));
    }
    doc.add(".");
    List<String> overridden = model.cached().stream()
        .filter(c -> !c.policies().equals(p))
        .map(c -> c.signature().name())
        .distinct()
        .toList();
    if (!overridden.isEmpty()) {
      doc.add(" Methods with policies of their own: $L.", String.join(", ", overridden));
    }
    return doc.add("\n").build();
  }

  private MethodSpec publicConstructor() {
    return MethodSpec.constructorBuilder()
        .addJavadoc("Decorates {@code delegate} with the two tiers and the default options.\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(model.iface(), "delegate")
        .addParameter(model.l1(), "l1")
        .addParameter(model.l2(), "l2")
        .addStatement("this(delegate, l1, l2, $T.defaults())", OPTIONS)
        .build();
  }

  private MethodSpec constructor() {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(model.iface(), "delegate")
        .addParameter(model.l1(), "l1")
        .addParameter(model.l2(), "l2")
        .addParameter(OPTIONS, "options")
        .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", OBJECTS, "delegate")
        .addStatement("$T context = new $T($S, $L, l1, l2, options)", CONTEXT, CONTEXT, model.cacheName(),
            model.version());
    for (Cached c : model.cached()) {
      Policies p = c.policies();
      CodeBlock.Builder settings = CodeBlock.builder()
          .add("this.$N = context.method($S, $L)", c.field(), c.keySpace(), c.valueTypeExpression())
          .add("\n.ttl($L)", duration(p.ttl()));
      if (!p.l1Ttl().equals(p.ttl())) {
        settings.add("\n.l1Ttl($L)", duration(p.l1Ttl()));
      }
      if (!p.stale().isZero()) {
        settings.add("\n.stale($L)", duration(p.stale()));
      }
      if (p.cacheNulls() && !c.signature().returnType().isPrimitive()) {
        settings.add("\n.cacheNulls()");
      }
      constructor.addStatement("$L\n.build()", settings.build());
    }
    List<String> shared = model.methods().stream()
        .filter(Invalidating.class::isInstance)
        .flatMap(m -> ((Invalidating) m).targets().stream())
        .filter(Target::all)
        .map(t -> t.method().field())
        .distinct()
        .toList();
    if (!shared.isEmpty()) {
      constructor.addCode("// Invalidate(all = true) targets: follow the generation other instances share through L2\n");
      shared.forEach(field -> constructor.addStatement("this.$N.shareGeneration()", field));
    }
    return constructor.build();
  }

  private MethodSpec cacheName() {
    return MethodSpec.methodBuilder("cacheName")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", model.cacheName())
        .build();
  }

  /** A {@code TieredCache} method that calls its namesake on the cache of every cached method. */
  private MethodSpec onEveryCache(String name) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC);
    model.cached().forEach(c -> method.addStatement("$N.$N()", c.field(), name));
    return method.build();
  }

  private MethodSpec stats() {
    CodeBlock sum = model.cached().isEmpty() ? CodeBlock.of("$T.empty()", STATS) : sum(model.cached());
    return MethodSpec.methodBuilder("stats")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(STATS)
        .addStatement("return $L", sum)
        .build();
  }

  private MethodSpec statsOf() {
    Map<String, List<Cached>> byName = new LinkedHashMap<>();
    for (Cached c : model.cached()) {
      byName.computeIfAbsent(c.signature().name(), n -> new ArrayList<>()).add(c);
      if (!c.keySpace().equals(c.signature().name())) {
        byName.computeIfAbsent(c.keySpace(), n -> new ArrayList<>()).add(c);
      }
    }
    MethodSpec.Builder method = MethodSpec.methodBuilder("stats")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(String.class, "methodName")
        .returns(STATS);
    method.beginControlFlow("switch (methodName)");
    for (Map.Entry<String, List<Cached>> e : byName.entrySet()) {
      method.addCode("case $S:\n$>", e.getKey()).addStatement("return $L", sum(e.getValue())).addCode("$<");
    }
    String names = byName.keySet().stream().collect(Collectors.joining(", "));
    method.addCode("default:\n$>")
        .addStatement(
            "throw new $T($S + methodName + $S)",
            IllegalArgumentException.class,
            model.iface().simpleName() + " has no cached method named ",
            names.isEmpty() ? "; it has no cached methods" : "; cached methods: " + names)
        .addCode("$<")
        .endControlFlow();
    return method.build();
  }

  /** {@code a.stats().plus(b.stats()).plus(...)} over {@code cached}, which is not empty. */
  private static CodeBlock sum(List<Cached> cached) {
    CodeBlock.Builder sum = CodeBlock.builder().add("$N.stats()", cached.get(0).field());
    for (Cached c : cached.subList(1, cached.size())) {
      sum.add("$Z.plus($N.stats())", c.field());
    }
    return sum.build();
  }

  // ------------------------------------------------------------------ method implementations

  private MethodSpec implementation(Method method) {
    Signature s = method.signature();
    MethodSpec.Builder spec = MethodSpec.methodBuilder(s.name())
        .addAnnotation(Override.class)
        .addAnnotations(deprecation(s.element()))
        .addModifiers(Modifier.PUBLIC)
        .returns(s.returnType())
        .varargs(s.varargs());
    for (Parameter p : s.parameters()) {
      spec.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
    }
    spec.addExceptions(s.thrown());
    Names names = new Names(s);
    if (method instanceof Cached c) {
      spec.addCode(c.shape().isAsync() ? asyncBody(c, names) : syncBody(c, names));
    } else if (method instanceof Invalidating inv) {
      spec.addCode(invalidatingBody(inv, names));
    } else {
      Bypassed b = (Bypassed) method;
      spec.addStatement(
          (b.signature().returnType().equals(TypeName.VOID) ? "" : "return ") + "$L", delegateCall(s, names));
    }
    return spec.build();
  }

  /** Local names of one generated method, never clashing with the user's parameter names. */
  private final class Names {
    final NameAllocator allocator = new NameAllocator();
    final java.util.Set<String> parameters = new java.util.HashSet<>();

    Names(Signature s) {
      for (Parameter p : s.parameters()) {
        allocator.newName(p.name(), p.name());
        parameters.add(p.name());
      }
    }

    String local(String name) {
      return allocator.newName(name);
    }

    /** A field reference, qualified when a parameter shadows it. */
    String field(String name) {
      return parameters.contains(name) ? "this." + name : name;
    }
  }

  private CodeBlock delegateCall(Signature s, Names names) {
    String args = s.parameters().stream().map(Parameter::name).collect(Collectors.joining(", "));
    return CodeBlock.of("$L.$N($L)", names.field("delegate"), s.name(), args);
  }

  private CodeBlock newKey(Cached c, String cache, List<String> arguments) {
    String args = arguments.isEmpty() ? "" : ", " + String.join(", ", arguments);
    return CodeBlock.of("new $N($L.space()$L)", c.keyClass(), cache, args);
  }

  private CodeBlock loaderCall(Cached c, String key) {
    String args = c.signature().parameters().stream().map(Parameter::name).map(n -> ", " + n).collect(Collectors.joining());
    return CodeBlock.of("() -> $N($L$L)", loaderName(c), key, args);
  }

  private CodeBlock syncBody(Cached c, Names names) {
    String cache = names.field(c.field());
    String key = names.local("key");
    CodeBlock.Builder code = CodeBlock.builder();
    code.addStatement("$N $N = $L", c.keyClass(), key, newKey(c, cache, keyArguments(c)));
    ReadPolicy read = c.policies().read();
    if (read == ReadPolicy.SEQUENTIAL) {
      String entry = names.local("entry");
      String tier = names.local("tier");
      code.addStatement("$T $N = $L.readL1($N)", entryType(c), entry, cache, key);
      code.addStatement("$T $N = $T.L1", TIER, tier, TIER);
      code.beginControlFlow("if ($N == null)", entry);
      code.add("// L1 missed: read L2\n");
      code.addStatement("$N = $L.readL2($N)", entry, cache, key);
      code.beginControlFlow("if ($N == null)", entry);
      code.addStatement("return $L", wrap(c, CodeBlock.of("$L.load($N, $L)", cache, key, loaderCall(c, key))));
      code.endControlFlow();
      code.addStatement("$N = $T.L2", tier, TIER);
      code.endControlFlow();
      code.add(serve(c, cache, key, CodeBlock.of("$N", entry), CodeBlock.of("$N", tier), false));
      code.addStatement("return $L", wrap(c, CodeBlock.of("$N.value()", entry)));
      return code.build();
    }
    String hit = names.local("hit");
    code.add(readComment(c));
    code.addStatement("$T $N = $L.join()", hitType(c), hit, hitRead(c, cache, key));
    code.beginControlFlow("if ($N == null)", hit);
    code.addStatement("return $L", wrap(c, CodeBlock.of("$L.load($N, $L)", cache, key, loaderCall(c, key))));
    code.endControlFlow();
    code.add(serve(c, cache, key, CodeBlock.of("$N.entry()", hit), CodeBlock.of("$N.tier()", hit), false));
    code.addStatement("return $L", wrap(c, CodeBlock.of("$N.value()", hit)));
    return code.build();
  }

  private CodeBlock asyncBody(Cached c, Names names) {
    String cache = names.field(c.field());
    String key = names.local("key");
    String hit = names.local("hit");
    CodeBlock.Builder code = CodeBlock.builder();
    code.addStatement("$N $N = $L", c.keyClass(), key, newKey(c, cache, keyArguments(c)));
    code.add(readComment(c));
    code.add("return $L.thenCompose($N -> {\n$>", hitRead(c, cache, key), hit);
    code.beginControlFlow("if ($N == null)", hit);
    code.addStatement("return $L.loadAsync($N, $L)", cache, key, loaderCall(c, key));
    code.endControlFlow();
    code.add(serve(c, cache, key, CodeBlock.of("$N.entry()", hit), CodeBlock.of("$N.tier()", hit), true));
    code.addStatement("return $T.completedFuture($N.value())", COMPLETABLE_FUTURE, hit);
    code.add("$<});\n");
    return code.build();
  }

  private CodeBlock readComment(Cached c) {
    switch (c.policies().read()) {
      case RACE:
        return CodeBlock.of("// RACE: both tiers start together; the first hit wins and the loser is $L\n",
            c.policies().raceLoser() == dev.tiered.RaceLoserPolicy.DROP ? "dropped" : "left to finish");
      case PARALLEL:
        return CodeBlock.of("// PARALLEL: both tiers are read and awaited; the entry that lives longer wins, L1 on ties\n");
      default:
        return CodeBlock.of("// SEQUENTIAL: L1, then L2 only when L1 misses\n");
    }
  }

  /** An expression of a {@code CompletableFuture<Hit<V>>} reading the tiers per the read policy. */
  private CodeBlock hitRead(Cached c, String cache, String key) {
    switch (c.policies().read()) {
      case RACE:
        return CodeBlock.of(
            "$L.readRace($L.readL1Async($N), () -> $L.readL2Async($N), $T.$L)",
            cache, cache, key, cache, key, RACE_LOSER, c.policies().raceLoser());
      case PARALLEL:
        return CodeBlock.of(
            "$L.readParallel($L.readL1Async($N), $L.readL2Async($N))", cache, cache, key, cache, key);
      default:
        return CodeBlock.of(
            "$L.readSequential($L.readL1Async($N), () -> $L.readL2Async($N))", cache, cache, key, cache, key);
    }
  }

  /**
   * Counts a hit of {@code tier}, refreshes a stale entry, and refills L1 after a fresh L2 hit when the refill
   * policy says so: the one place every read policy serves a hit.
   */
  private CodeBlock serve(Cached c, String cache, String key, CodeBlock entry, CodeBlock tier, boolean async) {
    CodeBlock.Builder code = CodeBlock.builder();
    code.beginControlFlow("if ($L.recordHit($N, $L, $L) == $T.STALE)", cache, key, entry, tier, FRESHNESS);
    code.addStatement("$L.$L($N, $L)", cache, async ? "refreshAsync" : "refresh", key, loaderCall(c, key));
    if (c.policies().refill() == RefillPolicy.ALWAYS) {
      code.nextControlFlow("else if ($L == $T.L2)", tier, TIER);
      code.add("// refill ALWAYS: a fresh L2 hit warms L1\n");
      code.addStatement("$L.refillL1($N, $L)", cache, key, entry);
    }
    return code.endControlFlow().build();
  }

  private CodeBlock wrap(Cached c, CodeBlock value) {
    return c.shape() == Shape.OPTIONAL ? CodeBlock.of("$T.ofNullable($L)", OPTIONAL, value) : value;
  }

  private List<String> keyArguments(Cached c) {
    return c.keyParameters().stream().map(Parameter::name).toList();
  }

  // ------------------------------------------------------------------ loaders

  private String loaderName(Cached c) {
    return "load" + ModelFactory.capitalize(c.field());
  }

  private MethodSpec loader(Cached c) {
    Signature s = c.signature();
    Names names = new Names(s);
    String key = names.local("key");
    String cache = names.field(c.field());
    String value = names.local("value");
    String entry = names.local("entry");
    MethodSpec.Builder spec = MethodSpec.methodBuilder(loaderName(c))
        .addJavadoc("Calls the delegate for {@link $T#$L} and writes the result to the tiers.\n", model.iface(), javadocLink(s))
        .addModifiers(Modifier.PRIVATE)
        .addParameter(ClassName.bestGuess(c.keyClass()), key)
        .addExceptions(s.thrown());
    Deprecated deprecated = s.element().getAnnotation(Deprecated.class);
    if (deprecated != null) {
      // The loader calls the deprecated method on the delegate.
      spec.addAnnotation(suppress(deprecated.forRemoval() ? "removal" : "deprecation"));
    }
    for (Parameter p : s.parameters()) {
      spec.addParameter(p.type(), p.name());
    }
    if (c.shape().isAsync()) {
      spec.returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, c.valueType()));
      CodeBlock.Builder code = CodeBlock.builder();
      code.add("return $L.toCompletableFuture().thenCompose($N -> {\n$>", delegateCall(s, names), value);
      code.addStatement("$T $N = $L.newEntry($N)", entryType(c), entry, cache, value);
      code.beginControlFlow("if ($N == null)", entry);
      code.addStatement("return $T.completedFuture($N)", COMPLETABLE_FUTURE, value);
      code.endControlFlow();
      code.add(writeComment(c));
      String written = names.local("written");
      code.addStatement("return $L$Z.thenApply($N -> $N)", asyncWrite(c, cache, key, entry, names), written, value);
      code.add("$<});\n");
      return spec.addCode(code.build()).build();
    }
    spec.returns(c.valueType());
    CodeBlock call = c.shape() == Shape.OPTIONAL
        ? CodeBlock.of("$L.orElse(null)", delegateCall(s, names))
        : delegateCall(s, names);
    spec.addStatement("$T $N = $L", c.valueType(), value, call);
    spec.addStatement("$T $N = $L.newEntry($N)", entryType(c), entry, cache, value);
    spec.beginControlFlow("if ($N != null)", entry);
    spec.addCode(writeComment(c));
    switch (c.policies().write()) {
      case SEQUENTIAL:
        spec.beginControlFlow("if ($L.writeL1($N, $N))", cache, key, entry)
            .addStatement("$L.writeL2($N, $N)", cache, key, entry)
            .endControlFlow();
        break;
      case RACE:
        spec.addStatement("$L.writeRace($N, $N, $T.$L).join()", cache, key, entry, RACE_LOSER, c.policies().raceLoser());
        break;
      default:
        spec.addStatement("$L.writeBoth($N, $N)", cache, key, entry);
        break;
    }
    spec.endControlFlow();
    spec.addStatement("return $N", value);
    return spec.build();
  }

  private CodeBlock writeComment(Cached c) {
    switch (c.policies().write()) {
      case SEQUENTIAL:
        return CodeBlock.of("// SEQUENTIAL write: L1, then L2 only when L1 took it\n");
      case RACE:
        return CodeBlock.of("// RACE write: both tiers at once; done at the first success, the other is $L\n",
            c.policies().raceLoser() == dev.tiered.RaceLoserPolicy.DROP ? "dropped" : "left to finish");
      default:
        return CodeBlock.of("// OPTIMISTIC_PARALLEL write: both tiers at once, both awaited\n");
    }
  }

  private CodeBlock asyncWrite(Cached c, String cache, String key, String entry, Names names) {
    WritePolicy write = c.policies().write();
    if (write == WritePolicy.SEQUENTIAL) {
      String took = names.local("took");
      return CodeBlock.of(
          "$L.writeL1Async($N, $N)$Z.thenCompose($N -> $N ? $L.writeL2Async($N, $N) : $T.completedFuture(false))",
          cache, key, entry, took, took, cache, key, entry, COMPLETABLE_FUTURE);
    }
    if (write == WritePolicy.RACE) {
      return CodeBlock.of("$L.writeRace($N, $N, $T.$L)", cache, key, entry, RACE_LOSER, c.policies().raceLoser());
    }
    return CodeBlock.of("$L.writeBothAsync($N, $N)", cache, key, entry);
  }

  // ------------------------------------------------------------------ invalidation

  private CodeBlock invalidatingBody(Invalidating inv, Names names) {
    Signature s = inv.signature();
    CodeBlock.Builder code = CodeBlock.builder();
    boolean returns = !s.returnType().equals(TypeName.VOID);
    if (inv.asyncShape().isAsync()) {
      String result = names.local("result");
      String removed = names.local("removed");
      List<CodeBlock> removals = new ArrayList<>();
      for (Target t : inv.targets()) {
        String cache = names.field(t.method().field());
        removals.add(t.all()
            ? CodeBlock.of("$L.invalidateAllAsync()", cache)
            : CodeBlock.of("$L.invalidateAsync($L)", cache, newKey(t.method(), cache, t.arguments())));
      }
      code.add("// Once the delegate's future completes normally, remove the entries from both tiers\n");
      CodeBlock all = removals.size() == 1
          ? removals.get(0)
          : CodeBlock.of("$T.allOf($>\n$L$<)", COMPLETABLE_FUTURE, CodeBlock.join(removals, ",\n"));
      code.addStatement(
          "return $L.toCompletableFuture()$>\n.thenCompose($N -> $L.thenApply($N -> $N))$<",
          delegateCall(s, names), result, all, removed, result);
      return code.build();
    }
    String result = null;
    if (returns) {
      result = names.local("result");
      code.addStatement("$T $N = $L", s.returnType(), result, delegateCall(s, names));
    } else {
      code.addStatement("$L", delegateCall(s, names));
    }
    code.add("// The delegate returned normally: remove the entries from both tiers\n");
    for (Target t : inv.targets()) {
      String cache = names.field(t.method().field());
      if (t.all()) {
        code.addStatement("$L.invalidateAll()", cache);
      } else {
        code.addStatement("$L.invalidate($L)", cache, newKey(t.method(), cache, t.arguments()));
      }
    }
    if (returns) {
      code.addStatement("return $N", result);
    }
    return code.build();
  }

  // ------------------------------------------------------------------ key classes

  private TypeSpec keyClass(Cached c) {
    List<Parameter> keys = c.keyParameters();
    NameAllocator allocator = new NameAllocator();
    keys.forEach(p -> allocator.newName(p.name(), p.name()));
    String space = allocator.newName("space");
    TypeSpec.Builder type = TypeSpec.classBuilder(c.keyClass())
        .addJavadoc("The key of {@link $T#$L}.\n", model.iface(), javadocLink(c.signature()))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(METHOD_KEY);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addParameter(KEY_SPACE, space);
    for (Parameter p : keys) {
      type.addField(p.key().type(), p.name(), Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(p.key().type(), p.name());
    }
    CodeBlock hash = CodeBlock.of("0");
    for (int i = 0; i < keys.size(); i++) {
      Parameter p = keys.get(i);
      hash = i == 0 ? p.key().hash(p.name()) : CodeBlock.of("31 * $L + $L", wrapParens(hash, i), p.key().hash(p.name()));
    }
    constructor.addStatement("super($N)", space);
    for (Parameter p : keys) {
      constructor.addStatement("this.$N = $L", p.name(), p.key().store(p.name()));
    }
    type.addMethod(constructor.build());

    type.addMethod(MethodSpec.methodBuilder("argumentsHash")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(int.class)
        .addStatement("return $L", hash)
        .build());

    MethodSpec.Builder same = MethodSpec.methodBuilder("sameArguments")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(boolean.class)
        .addParameter(METHOD_KEY, "other");
    if (keys.isEmpty()) {
      same.addStatement("return true");
    } else {
      same.addStatement("$N that = ($N) other", c.keyClass(), c.keyClass());
      CodeBlock equal = keys.stream()
          .map(p -> p.key().equal("this." + p.name(), "that." + p.name()))
          .collect(CodeBlock.joining("\n&& "));
      same.addStatement("return $L", equal);
    }
    type.addMethod(same.build());

    MethodSpec.Builder write = MethodSpec.methodBuilder("writeArguments")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addParameter(KEY_WRITER, "out");
    for (Parameter p : keys) {
      write.addCode(p.key().write("this." + p.name(), "out"));
    }
    type.addMethod(write.build());
    return type.build();
  }

  private static CodeBlock wrapParens(CodeBlock hash, int i) {
    return i == 1 ? hash : CodeBlock.of("($L)", hash);
  }

  // ------------------------------------------------------------------ builder

  private ClassName builderName() {
    return model.generated().nestedClass("Builder");
  }

  private TypeSpec builder() {
    TypeSpec.Builder type = TypeSpec.classBuilder("Builder")
        .addJavadoc("Builds a {@link $T}: the delegate and both tiers are required; the executor, clock, listener\n",
            model.generated())
        .addJavadoc("and value format are optional ({@link $T}).\n", TIERED_BUILDER)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(TIERED_BUILDER, builderName()))
        .addField(model.iface(), "delegate", Modifier.PRIVATE)
        .addField(model.l1(), "l1", Modifier.PRIVATE)
        .addField(model.l2(), "l2", Modifier.PRIVATE)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(setter("delegate", model.iface(), "The service whose results are cached."));
    type.addMethod(setter("l1", model.l1(), "The in-process tier."));
    type.addMethod(setter("l2", model.l2(), "The shared tier."));
    type.addMethod(MethodSpec.methodBuilder("build")
        .addJavadoc("The decorator.\n\n@throws IllegalStateException when the delegate or a tier is missing\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(model.generated())
        .addStatement(
            "return new $T(require(delegate, $S), require(l1, $S), require(l2, $S), options())",
            model.generated(), "delegate", "l1", "l2")
        .build());
    return type.build();
  }

  private MethodSpec setter(String name, TypeName type, String doc) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc("$L\n", doc)
        .addModifiers(Modifier.PUBLIC)
        .returns(builderName())
        .addParameter(type, name)
        .addStatement("this.$N = $T.requireNonNull($N, $S)", name, OBJECTS, name, name)
        .addStatement("return this")
        .build();
  }

  // ------------------------------------------------------------------ small helpers

  /**
   * The user's deprecation of {@code element} (the interface, or a method the decorator overrides), carried over so
   * that the decorator neither warns under {@code -Xlint:all} nor hides the deprecation from its own callers. Using a
   * method deprecated for removal warns even inside a deprecated member, hence the suppression.
   */
  private static List<AnnotationSpec> deprecation(javax.lang.model.element.Element element) {
    Deprecated deprecated = element.getAnnotation(Deprecated.class);
    if (deprecated == null) {
      return List.of();
    }
    if (!deprecated.forRemoval()) {
      return List.of(AnnotationSpec.builder(Deprecated.class).build());
    }
    return List.of(
        AnnotationSpec.builder(Deprecated.class).addMember("forRemoval", "true").build(), suppress("removal"));
  }

  private static AnnotationSpec suppress(String warning) {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", warning).build();
  }

  private TypeName cacheType(Cached c) {
    return ParameterizedTypeName.get(METHOD_CACHE, c.valueType());
  }

  private TypeName entryType(Cached c) {
    return ParameterizedTypeName.get(ENTRY, c.valueType());
  }

  private TypeName hitType(Cached c) {
    return ParameterizedTypeName.get(HIT, c.valueType());
  }

  /**
   * The method's {@code name(Type, ...)} in a javadoc link: the erasure of its declared parameter types, which is
   * what javadoc resolves, also for a method inherited with type arguments bound ({@code find(Object)}).
   */
  private static String javadocLink(Signature s) {
    return s.name() + "(" + s.element().getParameters().stream()
        .map(p -> rawName(TypeName.get(p.asType())))
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String rawName(TypeName type) {
    if (type instanceof ParameterizedTypeName p) {
      return p.rawType().canonicalName();
    }
    if (type instanceof com.palantir.javapoet.ArrayTypeName a) {
      return rawName(a.componentType()) + "[]";
    }
    if (type instanceof com.palantir.javapoet.TypeVariableName v) {
      return v.bounds().isEmpty() ? "Object" : rawName(v.bounds().get(0));
    }
    if (type instanceof com.palantir.javapoet.WildcardTypeName) {
      return "Object";
    }
    return type.toString();
  }

  private static CodeBlock duration(Duration d) {
    if (d.isZero()) {
      return CodeBlock.of("$T.ZERO", DURATION);
    }
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0) {
      return CodeBlock.of("$T.ofDays($L)", DURATION, ms / 86_400_000L);
    }
    if (ms % 3_600_000L == 0) {
      return CodeBlock.of("$T.ofHours($L)", DURATION, ms / 3_600_000L);
    }
    if (ms % 60_000L == 0) {
      return CodeBlock.of("$T.ofMinutes($L)", DURATION, ms / 60_000L);
    }
    if (ms % 1_000L == 0) {
      return CodeBlock.of("$T.ofSeconds($L)", DURATION, ms / 1_000L);
    }
    return CodeBlock.of("$T.ofMillis($L)", DURATION, ms);
  }

  private static String format(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
