package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.WritePolicy;
import java.time.Duration;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** The immutable description of one decorator, made by {@link ModelFactory} and written by {@link DecoratorWriter}. */
final class Model {
  private Model() {}

  /**
   * A decorator.
   *
   * @param element the annotated interface
   * @param iface the interface's name
   * @param generated the decorator's name
   * @param cacheName the cache's name
   * @param l1 the L1 backend's class
   * @param l2 the L2 backend's class
   * @param version the cache's version
   * @param defaults the interface-level policies
   * @param methods every method of the interface, in declaration order
   */
  record Decorator(
      TypeElement element,
      ClassName iface,
      ClassName generated,
      String cacheName,
      TypeName l1,
      TypeName l2,
      int version,
      Policies defaults,
      List<Method> methods) {

    List<Cached> cached() {
      return methods.stream().filter(Cached.class::isInstance).map(Cached.class::cast).toList();
    }
  }

  /**
   * The policies and durations of a method.
   *
   * @param stale zero for never stale
   */
  record Policies(
      ReadPolicy read,
      WritePolicy write,
      RaceLoserPolicy raceLoser,
      RefillPolicy refill,
      Duration ttl,
      Duration l1Ttl,
      Duration stale,
      boolean cacheNulls) {}

  /**
   * A method's signature as the decorator implements it (type arguments of superinterfaces bound).
   *
   * @param element the method
   * @param name its name
   * @param parameters its parameters
   * @param returnType its return type
   * @param thrown its declared exceptions
   * @param varargs whether the last parameter is varargs
   */
  record Signature(
      ExecutableElement element,
      String name,
      List<Parameter> parameters,
      TypeName returnType,
      List<TypeName> thrown,
      boolean varargs) {}

  /**
   * A parameter.
   *
   * @param name its name
   * @param type its type
   * @param key how it takes part in the key, {@code null} when it does not
   */
  record Parameter(String name, TypeName type, KeyPart key) {}

  /** How a key argument is compared, hashed and written. */
  interface KeyPart {
    /** The field type in the key class. */
    TypeName type();

    /** An expression hashing {@code field}. */
    CodeBlock hash(String field);

    /** An expression comparing {@code a} and {@code b}. */
    CodeBlock equal(String a, String b);

    /** Statements writing {@code value} to the {@code KeyWriter} named {@code out}. */
    CodeBlock write(String value, String out);

    /** The value the key keeps of the argument {@code parameter}: the argument itself, or a copy of a mutable one. */
    default CodeBlock store(String parameter) {
      return CodeBlock.of("$N", parameter);
    }
  }

  /** How a method returns its value. */
  enum Shape {
    /** A plain value. */
    SYNC,
    /** {@code Optional<T>}, cached as {@code T} with empty as null. */
    OPTIONAL,
    /** {@code CompletableFuture<T>}. */
    COMPLETABLE_FUTURE,
    /** {@code CompletionStage<T>}. */
    COMPLETION_STAGE;

    boolean isAsync() {
      return this == COMPLETABLE_FUTURE || this == COMPLETION_STAGE;
    }
  }

  /** A method of the interface. */
  sealed interface Method permits Cached, Invalidating, Bypassed {
    Signature signature();
  }

  /**
   * A cached method.
   *
   * @param field the name of its {@code MethodCache} field
   * @param keySpace its name in keys ({@code find}, or {@code find(long)} when overloaded)
   * @param keyClass the simple name of its key class
   * @param shape how it returns its value
   * @param valueType the cached value's type (boxed, unwrapped from Optional or a future)
   * @param valueTypeExpression an expression of the {@code ValueType} of the value
   * @param policies its policies
   */
  record Cached(
      Signature signature,
      String field,
      String keySpace,
      String keyClass,
      Shape shape,
      TypeName valueType,
      CodeBlock valueTypeExpression,
      Policies policies)
      implements Method {

    List<Parameter> keyParameters() {
      return signature.parameters().stream().filter(p -> p.key() != null).toList();
    }
  }

  /**
   * A method whose normal return removes entries of cached methods.
   *
   * @param targets the removals, in the order named
   * @param asyncShape how it returns: {@code SYNC}, or a future whose normal completion the removals follow
   */
  record Invalidating(Signature signature, List<Target> targets, Shape asyncShape) implements Method {}

  /**
   * One removal of an {@link Invalidating} method.
   *
   * @param method the cached method whose entries are removed
   * @param all whether every entry of it is removed
   * @param arguments for each key parameter of the target, the invalidating method's parameter passed for it
   */
  record Target(Cached method, boolean all, List<String> arguments) {}

  /** A method that always calls the delegate. */
  record Bypassed(Signature signature) implements Method {}
}
