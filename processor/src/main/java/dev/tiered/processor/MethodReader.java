package dev.tiered.processor;

import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Deprecation;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import dev.tiered.processor.Model.ValueTypeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Reads one method of the subject as the decorator implements it: its signature with the key parts of its key
 * parameters, and, for a cached method, how it returns its value and the value's full type.
 */
final class MethodReader {
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";
  /** Values that come later, which only CompletableFuture, CompletionStage and suspend functions are cached as. */
  private static final List<String> UNSUPPORTED_ASYNC = List.of(
      "java.util.concurrent.Future", COMPLETION_STAGE, "kotlinx.coroutines.flow.Flow", "kotlinx.coroutines.Deferred");

  private final TypeMirrors mirrors;
  private final KeyTypes keyTypes;
  private final PolicyReader policies;
  private final ValidationReport report;
  private final TypeElement subject;

  MethodReader(TypeMirrors mirrors, PolicyReader policies, ValidationReport report) {
    this.mirrors = mirrors;
    this.keyTypes = new KeyTypes(mirrors);
    this.policies = policies;
    this.report = report;
    this.subject = report.subject();
  }

  /**
   * The signature of {@code m}; for a cached method ({@code cached}) with the key part of each key parameter. Null
   * when a key parameter's type has no stable form or a cached method is generic (reported).
   */
  Signature signature(ExecutableElement m, boolean cached) {
    ExecutableType type = mirrors.memberType(subject, m);
    List<? extends VariableElement> params = m.getParameters();
    boolean anyKey = params.stream().anyMatch(p -> Annotations.has(p, Annotations.KEY));
    boolean generic = !m.getTypeParameters().isEmpty();
    boolean ok = true;
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      TypeMirror pType = type.getParameterTypes().get(i);
      KeyPart part = null;
      boolean isKey = !anyKey || Annotations.has(p, Annotations.KEY);
      // A suspend function's continuation is how it returns, never part of its key.
      if (cached && isKey && !generic && !mirrors.isContinuation(pType)) {
        KeyTypes.Result result = keyTypes.classify(pType);
        if (result.part() == null) {
          report.report(
              Message.UNSTABLE_KEY,
              p,
              p.getSimpleName(),
              mirrors.describe(subject, m),
              TypeMirrors.simple(pType),
              result.reason());
          ok = false;
        }
        part = result.part();
      }
      parameters.add(new Parameter(p.getSimpleName().toString(), mirrors.ref(pType), part));
    }
    if (cached && generic) {
      report.report(
          Message.GENERIC_METHOD,
          m.getTypeParameters().get(0),
          mirrors.describe(subject, m),
          Message.typeParameters(m.getTypeParameters()));
      ok = false;
    }
    if (!ok) {
      return null;
    }
    return new Signature(
        m.getSimpleName().toString(),
        List.copyOf(parameters),
        mirrors.ref(type.getReturnType()),
        type.getThrownTypes().stream().map(mirrors::ref).toList(),
        m.isVarArgs(),
        deprecation(m),
        params.stream().map(p -> mirrors.ref(p.asType())).toList());
  }

  /** How {@code element} is deprecated, which the decorator's counterpart carries over. */
  static Deprecation deprecation(Element element) {
    Deprecated deprecated = element.getAnnotation(Deprecated.class);
    if (deprecated == null) {
      return Deprecation.NONE;
    }
    return deprecated.forRemoval() ? Deprecation.FOR_REMOVAL : Deprecation.DEPRECATED;
  }

  /**
   * The cached method {@code m} with {@code signature}, its policies those of its {@code @Cached} ({@code cached},
   * may be null) over {@code defaults}; null when its return type cannot be cached or a policy is faulty (reported;
   * the policies are only read once the return type is known to be fine).
   *
   * @param overloaded whether another cached method has the same name, so that its keys need its parameter types
   */
  Cached cached(
      ExecutableElement m, Signature signature, AnnotationMirror cached, Policies defaults, boolean overloaded) {
    ExecutableType type = mirrors.memberType(subject, m);
    TypeMirror returnType = type.getReturnType();
    Shape shape = shape(m);
    TypeMirror value = shape == Shape.SUSPEND ? suspendValue(type) : returnType;
    if (returnType.getKind() == TypeKind.VOID || mirrors.isClass(value, "kotlin.Unit")) {
      report.report(Message.VOID_METHOD, m, mirrors.describe(subject, m));
      return null;
    }
    if (shape != Shape.SYNC && shape != Shape.SUSPEND) {
      List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
      if (arguments.isEmpty()) {
        report.report(Message.RAW_ASYNC, m, mirrors.describe(subject, m), TypeMirrors.simple(returnType));
        return null;
      }
      value = mirrors.bound(arguments.get(0));
    } else if (comesLater(value)) {
      // A value that comes later, of a plain method or of a suspend function: nothing to cache without waiting.
      report.report(Message.UNSUPPORTED_ASYNC, m, mirrors.describe(subject, m), TypeMirrors.simple(value));
      return null;
    }
    Policies methodPolicies = policies.of(m, cached, defaults);
    if (methodPolicies == null) {
      return null;
    }
    String keySpace = signature.name();
    if (overloaded) {
      List<? extends TypeMirror> parameterTypes = type.getParameterTypes();
      if (shape == Shape.SUSPEND) {
        parameterTypes = parameterTypes.subList(0, parameterTypes.size() - 1);
      }
      keySpace += parameterTypes.stream()
          .map(t -> TypeMirrors.simple(mirrors.types().erasure(t)))
          .collect(Collectors.joining(",", "(", ")"));
    }
    return new Cached(signature, keySpace, shape, mirrors.ref(value).boxed(), valueTypeNode(value), methodPolicies);
  }

  /**
   * How a method returning {@code type} returns its value: a future whose completion carries it, an {@code
   * Optional} of it (only with its type argument), or the value itself. An invalidating method only asks whether
   * it is a future.
   */
  Shape shape(TypeMirror type) {
    if (mirrors.isClass(type, COMPLETABLE_FUTURE)) {
      return Shape.COMPLETABLE_FUTURE;
    }
    if (mirrors.isClass(type, COMPLETION_STAGE)) {
      return Shape.COMPLETION_STAGE;
    }
    if (mirrors.isClass(type, "java.util.Optional") && !((DeclaredType) type).getTypeArguments().isEmpty()) {
      return Shape.OPTIONAL;
    }
    return Shape.SYNC;
  }

  /**
   * The type of the value that cached method {@code m} caches, boxed: what it returns, unwrapped from a future or an
   * {@code Optional}. Only asked of a method already read as {@link #cached}.
   */
  TypeMirror cachedValue(ExecutableElement m) {
    ExecutableType type = mirrors.memberType(subject, m);
    Shape shape = shape(m);
    TypeMirror value = shape == Shape.SUSPEND
        ? suspendValue(type)
        : shape == Shape.SYNC ? type.getReturnType() : argument(type.getReturnType());
    return mirrors.boxed(value);
  }

  private TypeMirror argument(TypeMirror type) {
    return mirrors.bound(((DeclaredType) type).getTypeArguments().get(0));
  }

  /** Whether {@code type} is a value that comes later, of a kind that Tiered cannot cache without waiting. */
  private boolean comesLater(TypeMirror type) {
    return UNSUPPORTED_ASYNC.stream().anyMatch(name -> mirrors.isSubtype(type, name));
  }

  /** How {@code m}, a member of the subject, returns its value: a suspend function, or by its return type. */
  Shape shape(ExecutableElement m) {
    ExecutableType type = mirrors.memberType(subject, m);
    return mirrors.isSuspend(type) ? Shape.SUSPEND : shape(type.getReturnType());
  }

  /**
   * Whether {@code m}, a cached or invalidating method, takes no Kotlin continuation, or takes one as a suspend
   * function does ({@link TypeMirrors#isSuspend}, with a value type) and tiered-runtime-kotlin is there to await it.
   * Reports what is wrong: anything else would compile into a decorator that waits forever.
   */
  boolean checkContinuations(ExecutableElement m) {
    ExecutableType type = mirrors.memberType(subject, m);
    List<? extends TypeMirror> parameterTypes = type.getParameterTypes();
    boolean ok = true;
    for (int i = 0; i < parameterTypes.size(); i++) {
      TypeMirror parameterType = parameterTypes.get(i);
      if (!mirrors.isContinuation(parameterType)) {
        continue;
      }
      boolean last = i == parameterTypes.size() - 1;
      boolean suspend = mirrors.isSuspend(type);
      if (!last || !suspend || suspendValue(type) == null) {
        VariableElement p = m.getParameters().get(i);
        String returnType = suspend ? null : TypeMirrors.simple(type.getReturnType());
        report.report(Message.UNSUPPORTED_SUSPEND, p, mirrors.describe(subject, m), p.getSimpleName(),
            TypeMirrors.simple(parameterType), Message.suspendFault(last, returnType));
        ok = false;
      }
    }
    if (ok && mirrors.isSuspend(type) && mirrors.elements().getTypeElement(RuntimeApi.KOTLIN_BRIDGE) == null) {
      report.report(Message.NO_KOTLIN_RUNTIME, m, mirrors.describe(subject, m));
      ok = false;
    }
    return ok;
  }

  /**
   * The value type {@code T} of a suspend function of {@code type}, from its continuation: {@code Continuation<?
   * super T>} as Kotlin declares it, or {@code Continuation<T>}; null for a continuation that names none.
   */
  private TypeMirror suspendValue(ExecutableType type) {
    List<? extends TypeMirror> parameterTypes = type.getParameterTypes();
    List<? extends TypeMirror> arguments =
        ((DeclaredType) parameterTypes.get(parameterTypes.size() - 1)).getTypeArguments();
    if (arguments.isEmpty()) {
      return null;
    }
    TypeMirror argument = arguments.get(0);
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getSuperBound();
    }
    return argument;
  }

  /**
   * The runtime's description of {@code type}: a raw class and the trees of its type arguments; a primitive as its
   * wrapper, an array of a generic type with its component's tree, a variable or wildcard as its bound.
   */
  private ValueTypeNode valueTypeNode(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return leaf(mirrors.ref(type).boxed());
    }
    if (type.getKind() == TypeKind.ARRAY) {
      TypeMirror component = ((ArrayType) type).getComponentType();
      TypeRef erased = mirrors.erasure(type);
      boolean generic = component.getKind() == TypeKind.DECLARED
          && !((DeclaredType) component).getTypeArguments().isEmpty();
      return generic ? new ValueTypeNode(erased, List.of(valueTypeNode(component))) : leaf(erased);
    }
    if (type instanceof TypeVariable variable) {
      return valueTypeNode(variable.getUpperBound());
    }
    if (type.getKind() == TypeKind.WILDCARD) {
      return valueTypeNode(mirrors.bound(type));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return leaf(new TypeRef.Declared("java.lang", List.of("Object"), List.of()));
    }
    List<ValueTypeNode> arguments =
        ((DeclaredType) type).getTypeArguments().stream().map(this::valueTypeNode).toList();
    return new ValueTypeNode(mirrors.erasure(type), arguments);
  }

  private static ValueTypeNode leaf(TypeRef raw) {
    return new ValueTypeNode(raw, List.of());
  }
}
