package dev.tiered.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tiered.RaceLoserPolicy;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one {@code @Tiered} interface and describes its decorator. Every fault is reported through the {@link
 * Reporter}, anchored on what is wrong; the model is only used when the report holds no error.
 */
final class ModelFactory {
  static final String TIERED = "dev.tiered.Tiered";
  static final String CACHED = "dev.tiered.Cached";
  static final String KEY = "dev.tiered.Key";
  static final String INVALIDATE = "dev.tiered.Invalidate";
  static final String BYPASS = "dev.tiered.Bypass";
  private static final String BACKEND = "dev.tiered.runtime.Backend";
  private static final ClassName VALUE_TYPE = ClassName.get("dev.tiered.runtime", "ValueType");

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final KeyTypes keyTypes;

  ModelFactory(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.keyTypes = new KeyTypes(elements, types);
  }

  /** The decorator of {@code element}, or {@code null} when it has errors (already reported). */
  Decorator create(TypeElement element, AnnotationMirror tiered) {
    if (element.getKind() != ElementKind.INTERFACE) {
      String kind = element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
      kind = ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
      reporter.report(Message.NOT_AN_INTERFACE, element, tiered, element.getSimpleName(), kind, element.getSimpleName());
      return null;
    }
    if (!isAccessible(element)) {
      reporter.report(Message.NOT_ACCESSIBLE, element, element.getQualifiedName());
    }
    if (!element.getTypeParameters().isEmpty()) {
      reporter.report(
          Message.GENERIC_INTERFACE,
          element.getTypeParameters().get(0),
          element.getSimpleName(),
          element.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ", "<", ">")),
          element.getSimpleName() + (element.getTypeParameters().size() == 1 ? "<User>" : "<User, ...>"));
      return null;
    }

    if (elements.getTypeElement(BACKEND) == null) {
      reporter.report(Message.NO_RUNTIME, element, tiered);
      return null;
    }
    Map<String, AnnotationValue> values = valuesWithDefaults(tiered);
    String name = (String) values.get("name").getValue();
    String cacheName = name.isEmpty() ? element.getSimpleName().toString() : name;
    TypeName l1 = backend(element, tiered, "l1");
    TypeName l2 = backend(element, tiered, "l2");
    int version = (Integer) values.get("version").getValue();
    Policies defaults = policies(element, null, tiered, null, null);
    if (defaults == null) {
      return null;
    }

    List<ExecutableElement> members = collectMethods(element);
    Map<String, Integer> nameCounts = new HashMap<>();
    for (ExecutableElement m : members) {
      if (find(m, BYPASS) == null && find(m, INVALIDATE) == null) {
        nameCounts.merge(m.getSimpleName().toString(), 1, Integer::sum);
      }
    }

    List<Method> methods = new ArrayList<>();
    Map<ExecutableElement, Cached> cachedByElement = new LinkedHashMap<>();
    Set<String> usedFields = new java.util.HashSet<>(Set.of("delegate"));
    for (ExecutableElement m : members) {
      String reserved = reservedSignature(element, m);
      if (reserved != null) {
        report(Message.RESERVED_NAME, element, m, null, null, describe(element, m), reserved);
        continue;
      }
      Signature signature = signature(element, m);
      if (signature == null) {
        continue;
      }
      AnnotationMirror cached = find(m, CACHED);
      AnnotationMirror bypass = find(m, BYPASS);
      AnnotationMirror invalidate = find(m, INVALIDATE);
      if (bypass != null) {
        if (cached != null) {
          report(Message.BYPASS_WITH_CACHED, element, m, cached, null, describe(element, m));
        }
        if (invalidate != null) {
          report(Message.INVALIDATE_WITH_BYPASS, element, m, bypass, null, describe(element, m));
        }
        methods.add(new Bypassed(signature));
        continue;
      }
      if (invalidate != null) {
        if (cached != null) {
          report(Message.INVALIDATE_WITH_CACHED, element, m, cached, null, describe(element, m));
        }
        methods.add(new Invalidating(signature, List.of(), asyncShape(element, m)));
        continue;
      }
      Cached model = cached(element, m, tiered, signature, cached, defaults, nameCounts, usedFields);
      if (model != null) {
        methods.add(model);
        cachedByElement.put(m, model);
      }
    }

    // Invalidation targets can only be resolved once every cached method is known.
    for (int i = 0; i < methods.size(); i++) {
      if (methods.get(i) instanceof Invalidating inv) {
        methods.set(i, new Invalidating(inv.signature(), targets(element, inv, members, cachedByElement), inv.asyncShape()));
      }
    }

    warnUnusedRaceLoser(element, tiered, methods);

    String simpleNames = simpleNames(element);
    ClassName iface = ClassName.get(element);
    ClassName generated = ClassName.get(iface.packageName(), "Tiered" + simpleNames);
    return new Decorator(element, iface, generated, cacheName, l1, l2, version, defaults, List.copyOf(methods));
  }

  // ------------------------------------------------------------------ the interface

  private static boolean isAccessible(TypeElement element) {
    Element current = element;
    while (current instanceof TypeElement type) {
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
      current = type.getEnclosingElement();
    }
    return true;
  }

  /** The simple names of {@code element} and the types it is nested in, joined by {@code _}: {@code Outer_Inner}. */
  static String simpleNames(TypeElement element) {
    List<String> names = new ArrayList<>();
    Element current = element;
    while (current instanceof TypeElement type) {
      names.add(0, type.getSimpleName().toString());
      current = type.getEnclosingElement();
    }
    return String.join("_", names);
  }

  private TypeName backend(TypeElement element, AnnotationMirror tiered, String attribute) {
    AnnotationValue value = explicit(tiered).get(attribute);
    if (value == null) {
      return null; // javac itself reports the missing required attribute.
    }
    TypeMirror type = (TypeMirror) value.getValue();
    TypeElement backend = elements.getTypeElement(BACKEND);
    if (type.getKind() != TypeKind.DECLARED || !types.isAssignable(type, backend.asType())) {
      reporter.report(Message.NOT_A_BACKEND, element, tiered, value, attribute, type + ".class");
      return null;
    }
    return TypeName.get(types.erasure(type));
  }

  /**
   * The interface's methods in a deterministic order: its own in declaration order, then those of each
   * superinterface, depth first, skipping static, private and overridden ones and those of {@code Object}.
   */
  private List<ExecutableElement> collectMethods(TypeElement element) {
    List<ExecutableElement> result = new ArrayList<>();
    collect(element, element, result, new java.util.HashSet<>());
    return result;
  }

  private void collect(TypeElement root, TypeElement type, List<ExecutableElement> out, Set<String> seen) {
    if (!seen.add(type.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = m.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE) || isObjectMethod(m)) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement existing : out) {
        if (existing.getSimpleName().equals(m.getSimpleName())
            && (elements.overrides(existing, m, root) || sameErasedSignature(root, existing, m))) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        out.add(m);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect(root, (TypeElement) types.asElement(parent), out, seen);
    }
  }

  /**
   * The decorator's own method that {@code m} would clash with ({@code stats()}, {@code stats(String)}, {@code
   * cacheName()}, {@code invalidateAll()}, {@code close()} of TieredCache, {@code builder()}), or null.
   */
  private String reservedSignature(TypeElement root, ExecutableElement m) {
    String name = m.getSimpleName().toString();
    List<? extends TypeMirror> params = memberType(root, m).getParameterTypes();
    if (params.isEmpty()
        && (name.equals("stats") || name.equals("builder") || name.equals("cacheName")
            || name.equals("invalidateAll") || name.equals("close"))) {
      return name + "()";
    }
    if (params.size() == 1
        && name.equals("stats")
        && types.isSameType(types.erasure(params.get(0)), elements.getTypeElement("java.lang.String").asType())) {
      return "stats(String)";
    }
    return null;
  }

  private boolean sameErasedSignature(TypeElement root, ExecutableElement a, ExecutableElement b) {
    ExecutableType ta = memberType(root, a);
    ExecutableType tb = memberType(root, b);
    if (ta.getParameterTypes().size() != tb.getParameterTypes().size()) {
      return false;
    }
    for (int i = 0; i < ta.getParameterTypes().size(); i++) {
      if (!types.isSameType(types.erasure(ta.getParameterTypes().get(i)), types.erasure(tb.getParameterTypes().get(i)))) {
        return false;
      }
    }
    return true;
  }

  private boolean isObjectMethod(ExecutableElement m) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement om : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (om.getSimpleName().equals(m.getSimpleName()) && om.getParameters().size() == m.getParameters().size()) {
        boolean same = true;
        for (int i = 0; i < om.getParameters().size(); i++) {
          same &= types.isSameType(
              types.erasure(om.getParameters().get(i).asType()), types.erasure(m.getParameters().get(i).asType()));
        }
        if (same) {
          return true;
        }
      }
    }
    return false;
  }

  private ExecutableType memberType(TypeElement root, ExecutableElement m) {
    return (ExecutableType) types.asMemberOf((DeclaredType) root.asType(), m);
  }

  /**
   * Reports a fault of {@code at} (a method of {@code root}, or one of its parameters or type parameters), on the
   * annotation and value when given. A method inherited from another interface is reported on {@code root}: every
   * message about a method names it, so the text still says which one.
   */
  private void report(
      Message message, TypeElement root, Element at, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    Element method = at instanceof ExecutableElement ? at : at.getEnclosingElement();
    if (method.getEnclosingElement().equals(root)) {
      reporter.report(message, at, annotation, value, args);
    } else {
      reporter.report(message, root, args);
    }
  }

  private String describe(TypeElement root, ExecutableElement m) {
    ExecutableType type = memberType(root, m);
    String params = type.getParameterTypes().stream().map(ModelFactory::simpleType).collect(Collectors.joining(", "));
    String owner = m.getEnclosingElement().equals(root) ? "" : m.getEnclosingElement().getSimpleName() + ".";
    return owner + m.getSimpleName() + "(" + params + ")";
  }

  /** {@code type} without package names: {@code Map<String, List<User>>}. */
  static String simpleType(TypeMirror type) {
    return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }

  private Signature signature(TypeElement root, ExecutableElement m) {
    ExecutableType type = memberType(root, m);
    List<? extends VariableElement> params = m.getParameters();
    boolean anyKey = params.stream().anyMatch(p -> find(p, KEY) != null);
    boolean isCached = find(m, BYPASS) == null && find(m, INVALIDATE) == null;
    boolean ok = true;
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      TypeMirror pType = type.getParameterTypes().get(i);
      Model.KeyPart part = null;
      boolean isKey = anyKey ? find(p, KEY) != null : true;
      if (isCached && isKey && m.getTypeParameters().isEmpty()) {
        KeyTypes.Result result = keyTypes.classify(pType);
        if (result.part() == null) {
          report(
              Message.UNSTABLE_KEY, root, p, null, null,
              p.getSimpleName(), describe(root, m), simpleType(pType), result.reason());
          ok = false;
        }
        part = result.part();
      }
      parameters.add(new Parameter(p.getSimpleName().toString(), TypeName.get(pType), part));
    }
    if (isCached && !m.getTypeParameters().isEmpty()) {
      report(
          Message.GENERIC_METHOD,
          root,
          m.getTypeParameters().get(0),
          null,
          null,
          describe(root, m),
          m.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ", "<", ">")));
      ok = false;
    }
    if (!ok) {
      return null;
    }
    List<TypeName> thrown = type.getThrownTypes().stream().map(TypeName::get).toList();
    return new Signature(m, m.getSimpleName().toString(), parameters, TypeName.get(type.getReturnType()), thrown, m.isVarArgs());
  }

  // ------------------------------------------------------------------ cached methods

  private Cached cached(
      TypeElement root,
      ExecutableElement m,
      AnnotationMirror tiered,
      Signature signature,
      AnnotationMirror cached,
      Policies defaults,
      Map<String, Integer> nameCounts,
      Set<String> usedFields) {
    TypeMirror returnType = memberType(root, m).getReturnType();
    if (returnType.getKind() == TypeKind.VOID) {
      report(Message.VOID_METHOD, root, m, null, null, describe(root, m));
      return null;
    }
    Shape shape = Shape.SYNC;
    TypeMirror value = returnType;
    if (returnType.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) returnType;
      String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
      if (raw.equals("java.util.concurrent.CompletableFuture") || raw.equals("java.util.concurrent.CompletionStage")) {
        if (declared.getTypeArguments().isEmpty()) {
          report(Message.RAW_ASYNC, root, m, null, null, describe(root, m), simpleType(returnType));
          return null;
        }
        shape = raw.endsWith("CompletableFuture") ? Shape.COMPLETABLE_FUTURE : Shape.COMPLETION_STAGE;
        value = bound(declared.getTypeArguments().get(0));
      } else if (isSubtype(returnType, "java.util.concurrent.Future")
          || isSubtype(returnType, "java.util.concurrent.CompletionStage")) {
        report(Message.UNSUPPORTED_ASYNC, root, m, null, null, describe(root, m), simpleType(returnType));
        return null;
      } else if (raw.equals("java.util.Optional") && !declared.getTypeArguments().isEmpty()) {
        shape = Shape.OPTIONAL;
        value = bound(declared.getTypeArguments().get(0));
      }
    }
    Policies policies = policies(root, m, tiered, cached, defaults);
    if (policies == null) {
      return null;
    }
    String methodName = signature.name();
    String keySpace = methodName;
    String field = methodName;
    if (nameCounts.getOrDefault(methodName, 0) > 1) {
      List<String> paramTypes = memberType(root, m).getParameterTypes().stream()
          .map(t -> simpleType(types.erasure(t)))
          .toList();
      keySpace = methodName + "(" + String.join(",", paramTypes) + ")";
      field = methodName + paramTypes.stream()
          .map(t -> capitalize(t.replace("[]", "Array").replaceAll("[^A-Za-z0-9]", "")))
          .collect(Collectors.joining());
    }
    String unique = field;
    for (int i = 2; !usedFields.add(unique); i++) {
      unique = field + i;
    }
    TypeName valueType = TypeName.get(value).box();
    return new Cached(
        signature, unique, keySpace, capitalize(unique) + "Key", shape, valueType, valueType(value), policies);
  }

  private Shape asyncShape(TypeElement root, ExecutableElement m) {
    TypeMirror returnType = memberType(root, m).getReturnType();
    if (returnType.getKind() == TypeKind.DECLARED) {
      String raw = ((TypeElement) ((DeclaredType) returnType).asElement()).getQualifiedName().toString();
      if (raw.equals("java.util.concurrent.CompletableFuture")) {
        return Shape.COMPLETABLE_FUTURE;
      }
      if (raw.equals("java.util.concurrent.CompletionStage")) {
        return Shape.COMPLETION_STAGE;
      }
    }
    return Shape.SYNC;
  }

  /** An expression of the {@code ValueType} of {@code type}, e.g. {@code ValueType.of(List.class, ValueType.of(Order.class))}. */
  private CodeBlock valueType(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, TypeName.get(type).box());
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      TypeName erased = TypeName.get(types.erasure(type));
      if (component.getKind() == TypeKind.DECLARED && !((DeclaredType) component).getTypeArguments().isEmpty()) {
        return CodeBlock.of("$T.of($T.class, $L)", VALUE_TYPE, erased, valueType(component));
      }
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, erased);
    }
    if (type instanceof TypeVariable variable) {
      return valueType(variable.getUpperBound());
    }
    if (type instanceof WildcardType) {
      return valueType(bound(type));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, Object.class);
    }
    DeclaredType declared = (DeclaredType) type;
    TypeName raw = TypeName.get(types.erasure(type));
    if (raw instanceof ArrayTypeName) {
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, raw);
    }
    if (declared.getTypeArguments().isEmpty()) {
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, raw);
    }
    CodeBlock args = declared.getTypeArguments().stream().map(this::valueType).collect(CodeBlock.joining(", "));
    return CodeBlock.of("$T.of($T.class, $L)", VALUE_TYPE, raw, args);
  }

  private TypeMirror bound(TypeMirror type) {
    if (type instanceof WildcardType w) {
      return w.getExtendsBound() != null
          ? w.getExtendsBound()
          : elements.getTypeElement("java.lang.Object").asType();
    }
    return type;
  }

  private boolean isSubtype(TypeMirror type, String name) {
    TypeElement target = elements.getTypeElement(name);
    return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  // ------------------------------------------------------------------ policies

  /**
   * The policies of the interface {@code root} ({@code m}, {@code cached} and {@code defaults} null) or of its method
   * {@code m} ({@code cached} its {@code @Cached}, or null for none, inheriting {@code defaults}); null when a duration
   * is malformed (reported).
   */
  private Policies policies(
      TypeElement root, ExecutableElement m, AnnotationMirror tiered, AnnotationMirror cached, Policies defaults) {
    boolean method = defaults != null;
    if (method && cached == null) {
      return defaults;
    }
    AnnotationMirror source = method ? cached : tiered;
    Map<String, AnnotationValue> set = explicit(source);
    Map<String, AnnotationValue> all = method ? set : valuesWithDefaults(tiered);

    ReadPolicy read = enumValue(all, "read", ReadPolicy.class, method ? defaults.read() : null);
    WritePolicy write = enumValue(all, "write", WritePolicy.class, method ? defaults.write() : null);
    RefillPolicy refill = enumValue(all, "refill", RefillPolicy.class, method ? defaults.refill() : null);
    RaceLoserPolicy raceLoser = method
        ? defaults.raceLoser()
        : enumValue(all, "raceLoser", RaceLoserPolicy.class, null);
    boolean cacheNulls = all.containsKey("cacheNulls")
        ? (Boolean) all.get("cacheNulls").getValue()
        : defaults.cacheNulls();

    boolean ok = true;
    Duration ttl = method ? defaults.ttl() : null;
    AnnotationValue ttlValue = all.get("ttl");
    String ttlText = ttlValue == null ? null : (String) ttlValue.getValue();
    if (ttlText != null && !(method && ttlText.isEmpty())) {
      ttl = Durations.parse(ttlText);
      if (ttl == null) {
        reportPolicy(Message.BAD_DURATION, root, m, source, ttlValue, "ttl", ttlText);
        ok = false;
      }
    }
    Duration l1Ttl = null;
    boolean l1TtlSet = false;
    AnnotationValue l1TtlValue = all.get("l1Ttl");
    String l1TtlText = l1TtlValue == null ? "" : (String) l1TtlValue.getValue();
    if (!l1TtlText.isEmpty()) {
      l1TtlSet = true;
      l1Ttl = Durations.parse(l1TtlText);
      if (l1Ttl == null) {
        reportPolicy(Message.BAD_DURATION, root, m, source, l1TtlValue, "l1Ttl", l1TtlText);
        ok = false;
      }
    }
    Duration stale = method ? defaults.stale() : Duration.ZERO;
    AnnotationValue staleValue = all.get("stale");
    String staleText = staleValue == null ? "" : (String) staleValue.getValue();
    if (!staleText.isEmpty()) {
      stale = Durations.parse(staleText);
      if (stale == null) {
        reportPolicy(Message.BAD_DURATION, root, m, source, staleValue, "stale", staleText);
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    if (!l1TtlSet) {
      // An inherited l1Ttl is kept only while it still fits under this method's ttl.
      l1Ttl = method && defaults.l1Ttl().compareTo(ttl) < 0 ? defaults.l1Ttl() : ttl;
    } else if (l1Ttl.compareTo(ttl) > 0) {
      reportPolicy(Message.L1_TTL_LONGER, root, m, source, l1TtlValue, l1TtlText, format(ttl));
      return null;
    }
    if (!stale.isZero() && stale.compareTo(ttl) >= 0) {
      AnnotationValue anchor = staleValue != null && !staleText.isEmpty() ? staleValue : ttlValue;
      reportPolicy(Message.STALE_NOT_SHORTER, root, m, source, anchor, format(stale), format(ttl));
      return null;
    }
    return new Policies(read, write, raceLoser, refill, ttl, l1Ttl, stale, cacheNulls);
  }

  /**
   * Reports a fault of the policies of {@code root} ({@code m} null) or of its method {@code m}, on the annotation
   * value; a method inherited from another interface is named in the text and reported on {@code root}.
   */
  private void reportPolicy(
      Message message,
      TypeElement root,
      ExecutableElement m,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    if (m == null || m.getEnclosingElement().equals(root)) {
      reporter.report(message, m == null ? root : m, annotation, value, args);
    } else {
      reporter.reportInherited(message, root, describe(root, m), args);
    }
  }

  private static String format(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E enumValue(
      Map<String, AnnotationValue> values, String name, Class<E> type, E fallback) {
    AnnotationValue value = values.get(name);
    if (value == null) {
      return fallback;
    }
    return Enum.valueOf(type, ((VariableElement) value.getValue()).getSimpleName().toString());
  }

  private void warnUnusedRaceLoser(TypeElement element, AnnotationMirror tiered, List<Method> methods) {
    AnnotationValue raceLoser = explicit(tiered).get("raceLoser");
    if (raceLoser == null) {
      return;
    }
    boolean anyRace = methods.stream()
        .filter(Cached.class::isInstance)
        .map(m -> ((Cached) m).policies())
        .anyMatch(p -> p.read() == ReadPolicy.RACE || p.write() == WritePolicy.RACE);
    if (!anyRace) {
      reporter.report(
          Message.RACE_LOSER_WITHOUT_RACE,
          element,
          tiered,
          raceLoser,
          ((VariableElement) raceLoser.getValue()).getSimpleName(),
          element.getSimpleName());
    }
  }

  // ------------------------------------------------------------------ invalidation

  private List<Target> targets(
      TypeElement root,
      Invalidating inv,
      List<ExecutableElement> members,
      Map<ExecutableElement, Cached> cached) {
    ExecutableElement m = inv.signature().element();
    AnnotationMirror annotation = find(m, INVALIDATE);
    Map<String, AnnotationValue> values = valuesWithDefaults(annotation);
    boolean all = (Boolean) values.get("all").getValue();
    @SuppressWarnings("unchecked") // javac represents an array member as a list of values.
    List<? extends AnnotationValue> names = (List<? extends AnnotationValue>) values.get("value").getValue();
    if (names.isEmpty()) {
      report(Message.EMPTY_INVALIDATE, root, m, annotation, explicit(annotation).get("value"), describe(root, m));
      return List.of();
    }
    ExecutableType invType = memberType(root, m);
    List<Target> targets = new ArrayList<>();
    for (AnnotationValue nameValue : names) {
      String name = (String) nameValue.getValue();
      List<Cached> matches = cached.values().stream().filter(c -> c.signature().name().equals(name)).toList();
      if (matches.isEmpty()) {
        ExecutableElement other = members.stream()
            .filter(e -> e.getSimpleName().contentEquals(name))
            .findFirst()
            .orElse(null);
        if (other != null && (find(other, BYPASS) != null || find(other, INVALIDATE) != null)) {
          String why = find(other, BYPASS) != null ? "Bypass" : "Invalidate";
          report(
              Message.INVALIDATE_TARGET_NOT_CACHED, root, m, annotation, nameValue, describe(root, m), name, why);
        } else if (other == null) {
          String suggestion = nearest(name, cached.values().stream().map(c -> c.signature().name()).toList());
          report(
              Message.UNKNOWN_INVALIDATE_TARGET,
              root,
              m,
              annotation,
              nameValue,
              describe(root, m),
              name,
              root.getSimpleName(),
              suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?");
        }
        // A method of that name that failed validation has been reported already.
        continue;
      }
      // An overloaded name removes every overload whose key this method's parameters can build.
      List<Target> found = new ArrayList<>();
      Cached firstUnbuildable = null;
      Parameter firstMissing = null;
      for (Cached target : matches) {
        if (all) {
          found.add(new Target(target, true, List.of()));
          continue;
        }
        List<String> arguments = new ArrayList<>();
        Parameter missing = null;
        for (Parameter keyParam : target.keyParameters()) {
          String argument = argumentFor(root, m, invType, target, keyParam);
          if (argument == null) {
            missing = keyParam;
            break;
          }
          arguments.add(argument);
        }
        if (missing == null) {
          found.add(new Target(target, false, List.copyOf(arguments)));
        } else if (firstUnbuildable == null) {
          firstUnbuildable = target;
          firstMissing = missing;
        }
      }
      if (found.isEmpty() && firstUnbuildable != null) {
        report(
            Message.INVALIDATE_MISSING_PARAMETER,
            root,
            m,
            annotation,
            nameValue,
            describe(root, m),
            describe(root, firstUnbuildable.signature().element()),
            firstMissing.name(),
            simpleType(keyParamType(root, firstUnbuildable, firstMissing)),
            firstMissing.name(),
            name);
      }
      targets.addAll(found);
    }
    return List.copyOf(targets);
  }

  /** The parameter of {@code m} with the name of {@code keyParam} and a type assignable to it, if any. */
  private String argumentFor(
      TypeElement root, ExecutableElement m, ExecutableType invType, Cached target, Parameter keyParam) {
    List<? extends VariableElement> invParams = m.getParameters();
    for (int i = 0; i < invParams.size(); i++) {
      if (invParams.get(i).getSimpleName().contentEquals(keyParam.name())
          && types.isAssignable(invType.getParameterTypes().get(i), keyParamType(root, target, keyParam))) {
        return keyParam.name();
      }
    }
    return null;
  }

  private TypeMirror keyParamType(TypeElement root, Cached target, Parameter keyParam) {
    ExecutableElement e = target.signature().element();
    int index = target.signature().parameters().indexOf(keyParam);
    return memberType(root, e).getParameterTypes().get(index);
  }

  /** The candidate closest to {@code name} by edit distance, when close enough to be a likely typo. */
  static String nearest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 2) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  // ------------------------------------------------------------------ annotation access

  static AnnotationMirror find(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
        return mirror;
      }
    }
    return null;
  }

  private static Map<String, AnnotationValue> explicit(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    mirror.getElementValues().forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  private Map<String, AnnotationValue> valuesWithDefaults(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    elements.getElementValuesWithDefaults(mirror).forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
