package dev.tiered.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Decorator;
import dev.tiered.processor.Model.Deprecation;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Target;
import dev.tiered.processor.Model.ValueTypeNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the decorator class of a {@link Decorator}: its javadoc, fields, constructors, {@code builder()} and
 * {@code stats} methods, in that order, then the interface's methods ({@link MethodBodyWriter}), the loaders (of
 * bulk methods: {@link BulkBodyWriter}), the key classes ({@link KeyClassWriter}) and the {@code Builder} ({@link
 * BuilderWriter}).
 */
final class DecoratorWriter {
  /** The longest string literal piece a generated line holds, so that lines stay within 120 columns. */
  private static final int STRING_PIECE = 80;

  /** Where the code of the decorator's constructors and methods starts: two levels of two spaces. */
  private static final int BODY = 4;
  /** How far the arguments of a call laid out one per line are indented beyond the statement. */
  private static final int ARGUMENTS = 8;

  private final Decorator model;
  private final String generator;
  private final GeneratedNames names;
  private final Lines lines;
  private final ClassName iface;
  private final ClassName generated;
  private final ClassName l1;
  private final ClassName l2;

  /**
   * @param generator the name that {@code @Generated} gives as the class's author, or null when that annotation
   *     is not there to mark it
   */
  DecoratorWriter(Decorator model, String generator) {
    this.model = model;
    this.generator = generator;
    this.names = new GeneratedNames(model);
    this.lines = new Lines(Set.of(names.hiddenClasses()));
    this.iface = TypeNames.of(model.iface());
    this.generated = TypeNames.of(model.generated());
    this.l1 = TypeNames.of(model.l1());
    this.l2 = TypeNames.of(model.l2());
  }

  JavaFile write() {
    TypeSpec.Builder type = TypeSpec.classBuilder(generated)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(iface)
        .addSuperinterface(RuntimeApi.TIERED_CACHE)
        .addOriginatingElement(model.origin())
        .addJavadoc(classJavadoc())
        .addAnnotations(deprecation(model.deprecation()))
        // A parameter or field named like a class hides it: such classes are written with their package.
        .alwaysQualify(names.hiddenClasses());
    if (generator != null) {
      type.addAnnotation(AnnotationSpec.builder(RuntimeApi.GENERATED).addMember("value", "$S", generator).build());
    }
    type.addField(iface, names.delegate(), Modifier.PRIVATE, Modifier.FINAL);
    for (Cached c : model.cached()) {
      type.addField(RuntimeApi.methodCache(TypeNames.of(c.valueType())), names.field(c), Modifier.PRIVATE,
          Modifier.FINAL);
    }
    type.addMethod(publicConstructor());
    type.addMethod(constructor());
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addJavadoc("A builder for a decorator with optional parts: executor, clock, listener, value format.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(BuilderWriter.name(generated))
        .addStatement("return new $T()", BuilderWriter.name(generated))
        .build());
    type.addMethod(cacheName());
    type.addMethod(stats());
    type.addMethod(statsOf());
    type.addMethod(onEveryCache(RuntimeApi.INVALIDATE_ALL));
    type.addMethod(onEveryCache(RuntimeApi.CLOSE));
    MethodBodyWriter bodies = new MethodBodyWriter(iface, names, lines);
    for (Method method : model.methods()) {
      type.addMethod(bodies.implementation(method));
    }
    for (Cached c : model.cached()) {
      if (c.shape() == Shape.SUSPEND) {
        type.addMethod(bodies.suspendCounterpart(c));
      }
    }
    for (Method method : model.methods()) {
      if (method instanceof Bulk b && b.shape() == Shape.SUSPEND) {
        type.addMethod(bodies.suspendCounterpart(b));
      }
    }
    for (Cached c : model.cached()) {
      if (MethodBodyWriter.readsL2Apart(c)) {
        type.addMethod(bodies.fromL2(c));
      }
      if (MethodBodyWriter.refreshesApart(c)) {
        type.addMethod(bodies.refresh(c));
      }
    }
    for (Cached c : model.cached()) {
      type.addMethod(bodies.loader(c));
    }
    for (Method method : model.methods()) {
      if (method instanceof Bulk b) {
        type.addMethod(bodies.loader(b));
      }
    }
    KeyClassWriter keys = new KeyClassWriter(iface, lines);
    for (Cached c : model.cached()) {
      type.addType(keys.keyClass(c, names.keyClass(c)));
    }
    type.addType(new BuilderWriter(generated, iface, l1, l2).builder());
    return JavaFile.builder(generated.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ------------------------------------------------------------------ javadoc

  private CodeBlock classJavadoc() {
    Policies p = model.defaults();
    Javadoc doc = new Javadoc()
        .text("<p>Cache")
        .word("{@code $L}:", model.cacheName())
        .text("L1")
        .word("{@link $T},", l1)
        .text("L2")
        .word("{@link $T};", l2)
        .text("reads")
        .word("{@code $L},", p.read())
        .text("writes")
        .word("{@code $L},", p.write())
        .text("refill")
        .word("{@code $L},", p.refill());
    StringBuilder rest = new StringBuilder("ttl ").append(Durations.format(p.ttl()));
    if (!p.l1Ttl().equals(p.ttl())) {
      rest.append(" (").append(Durations.format(p.l1Ttl())).append(" in L1)");
    }
    if (!p.stale().isZero()) {
      rest.append(", stale after ").append(Durations.format(p.stale()));
    }
    rest.append('.');
    List<String> overridden = model.cached().stream()
        .filter(c -> !c.policies().equals(p))
        .map(c -> c.signature().name())
        .distinct()
        .toList();
    if (!overridden.isEmpty()) {
      rest.append(" Methods with policies of their own: ").append(String.join(", ", overridden)).append('.');
    }
    doc.text(rest.toString());
    return CodeBlock.builder()
        .add(new Javadoc()
            .text("A two-tier caching decorator of")
            .word("{@link $T},", iface)
            .text("written by the Tiered annotation processor.")
            .wrap(Javadoc.TYPE_WIDTH))
        .add("\n")
        .add(doc.wrap(Javadoc.TYPE_WIDTH))
        .build();
  }

  /**
   * The user's deprecation of the interface or of a method the decorator overrides, carried over so that the
   * decorator neither warns under {@code -Xlint:all} nor hides the deprecation from its own callers. Using a
   * method deprecated for removal warns even inside a deprecated member, hence the suppression.
   */
  static List<AnnotationSpec> deprecation(Deprecation deprecation) {
    switch (deprecation) {
      case DEPRECATED:
        return List.of(AnnotationSpec.builder(Deprecated.class).build());
      case FOR_REMOVAL:
        return List.of(
            AnnotationSpec.builder(Deprecated.class).addMember("forRemoval", "true").build(),
            suppress("removal"));
      default:
        return List.of();
    }
  }

  static AnnotationSpec suppress(String warning) {
    return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", warning).build();
  }

  // ------------------------------------------------------------------ constructors

  private MethodSpec publicConstructor() {
    return MethodSpec.constructorBuilder()
        .addJavadoc("Decorates {@code delegate} with the two tiers and the default options.\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(iface, "delegate")
        .addParameter(l1, "l1")
        .addParameter(l2, "l2")
        .addStatement("this(delegate, l1, l2, $L)", RuntimeApi.defaultOptions())
        .build();
  }

  private MethodSpec constructor() {
    String context = names.localsOf(List.of("delegate", "l1", "l2", "options")).local("context");
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(iface, "delegate")
        .addParameter(l1, "l1")
        .addParameter(l2, "l2")
        .addParameter(RuntimeApi.OPTIONS, "options")
        .addStatement("this.$N = $T.requireNonNull(delegate, $S)", names.delegate(), RuntimeApi.OBJECTS, "delegate")
        .addStatement("$T $N = $L", RuntimeApi.CONTEXT, context,
            RuntimeApi.newContext(model.cacheName(), model.version(), "l1", "l2", "options", model.sync()));
    for (Cached c : model.cached()) {
      constructor.addStatement("this.$N = $L", names.field(c), methodCache(c, context));
    }
    List<String> shared = model.methods().stream()
        .filter(Invalidating.class::isInstance)
        .flatMap(m -> ((Invalidating) m).targets().stream())
        .filter(Target::all)
        .map(t -> names.field(t.method()))
        .distinct()
        .toList();
    if (!shared.isEmpty()) {
      constructor.addCode(
          "// Invalidate(all = true) targets: follow the generation other instances share through L2\n");
      shared.forEach(field -> constructor.addStatement("$L", RuntimeApi.shareGeneration("this." + field)));
    }
    return constructor.build();
  }

  /**
   * {@code context.method("find", ValueType.of(User.class))}, then each setting that differs from the default on
   * a line of its own, then {@code .build()}. When the first line would pass 120 columns, the method's name and
   * value type go on lines of their own.
   */
  private CodeBlock methodCache(Cached c, String context) {
    Policies p = c.policies();
    RuntimeApi.Call method = RuntimeApi.methodSettings(context, c.keySpace(), RuntimeApi.valueType(c.valueTypeNode()));
    CodeBlock start = method.inline();
    if (!lines.fits(BODY, CodeBlock.of("this.$N = $L", names.field(c), start))) {
      CodeBlock valueType = valueType(c.valueTypeNode(), BODY + ARGUMENTS);
      start = RuntimeApi.methodSettings(context, c.keySpace(), valueType).broken(2);
    }
    CodeBlock.Builder chain = CodeBlock.builder().add("$L", start);
    chain.add("\n$L", RuntimeApi.setting("ttl", p.ttl()));
    if (!p.l1Ttl().equals(p.ttl())) {
      chain.add("\n$L", RuntimeApi.setting("l1Ttl", p.l1Ttl()));
    }
    if (!p.stale().isZero()) {
      chain.add("\n$L", RuntimeApi.setting("stale", p.stale()));
    }
    // A method returning a primitive cannot return null.
    if (p.cacheNulls() && !(c.signature().returnType() instanceof TypeRef.Primitive)) {
      chain.add("\n$L", RuntimeApi.cacheNulls());
    }
    return chain.add("\n$L", RuntimeApi.build()).build();
  }

  /**
   * The value type of {@code node} starting at {@code column}: on one line when it fits, else with its type
   * arguments one per line, each laid out the same way.
   */
  private CodeBlock valueType(ValueTypeNode node, int column) {
    CodeBlock inline = RuntimeApi.valueType(node);
    // Room for the closing parentheses and comma that may follow.
    if (node.arguments().isEmpty() || lines.fits(column + 3, inline)) {
      return inline;
    }
    List<CodeBlock> arguments = node.arguments().stream().map(a -> valueType(a, column + 4)).toList();
    return RuntimeApi.valueType(node.raw(), arguments, true);
  }

  // ------------------------------------------------------------------ statistics

  private MethodSpec cacheName() {
    return MethodSpec.methodBuilder(RuntimeApi.CACHE_NAME)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", model.cacheName())
        .build();
  }

  private MethodSpec stats() {
    CodeBlock sum = model.cached().isEmpty() ? RuntimeApi.emptyStats() : sum(model.cached());
    return MethodSpec.methodBuilder(RuntimeApi.STATS_METHOD)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(RuntimeApi.STATS)
        .addStatement("return $L", sum)
        .build();
  }

  /** A {@code TieredCache} method without parameters that calls the method of the same name on every method cache. */
  private MethodSpec onEveryCache(String name) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC);
    model.cached().forEach(c -> method.addStatement("$N.$N()", names.field(c), name));
    return method.build();
  }

  private MethodSpec statsOf() {
    Map<String, List<Cached>> byName = new LinkedHashMap<>();
    for (Cached c : model.cached()) {
      byName.computeIfAbsent(c.signature().name(), n -> new ArrayList<>()).add(c);
      if (!c.keySpace().equals(c.signature().name())) {
        byName.computeIfAbsent(c.keySpace(), n -> new ArrayList<>()).add(c);
      }
    }
    String methodName = names.localsOf(List.of()).local("methodName");
    MethodSpec.Builder method = MethodSpec.methodBuilder(RuntimeApi.STATS_METHOD)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(String.class, methodName)
        .returns(RuntimeApi.STATS);
    method.beginControlFlow("switch ($N)", methodName);
    for (Map.Entry<String, List<Cached>> e : byName.entrySet()) {
      method.addCode("case $S:\n$>", e.getKey()).addStatement("return $L", sum(e.getValue())).addCode("$<");
    }
    String known = String.join(", ", byName.keySet());
    CodeBlock.Builder message = CodeBlock.builder()
        .add("$S + $N", model.iface().simpleName() + " has no cached method named ", methodName);
    for (String piece : pieces(known.isEmpty() ? "; it has no cached methods" : "; cached methods: " + known)) {
      message.add("\n+ $S", piece);
    }
    method.addCode("default:\n$>")
        .addStatement("throw new $T($L)", IllegalArgumentException.class, message.build())
        .addCode("$<")
        .endControlFlow();
    return method.build();
  }

  /** {@code a.stats().plus(b.stats()).plus(...)} over {@code cached}, which is not empty. */
  private CodeBlock sum(List<Cached> cached) {
    CodeBlock sum = RuntimeApi.stats(names.field(cached.get(0)));
    for (Cached c : cached.subList(1, cached.size())) {
      sum = RuntimeApi.plusStats(sum, names.field(c));
    }
    return sum;
  }

  /** {@code text} cut after commas into pieces that each fit on a line as a string literal. */
  private static List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String part : text.split("(?<=, )")) {
      if (piece.length() > 0 && piece.length() + part.length() > STRING_PIECE) {
        pieces.add(piece.toString());
        piece.setLength(0);
      }
      piece.append(part);
    }
    pieces.add(piece.toString());
    return pieces;
  }
}
