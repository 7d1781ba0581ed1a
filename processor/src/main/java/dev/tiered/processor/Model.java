package dev.tiered.processor;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.SyncPolicy;
import dev.tiered.WritePolicy;
import java.time.Duration;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The immutable description of one decorator: made by {@link ModelFactory} once the interface is valid, written by
 * {@link DecoratorWriter} and {@link SummaryWriter}. Data only: types are {@link TypeRef}s, key arguments {@link
 * KeyPart}s; every name the generated code invents (fields, locals, key classes) is chosen by the writers.
 */
final class Model {
  private Model() {}

  /**
   * A decorator.
   *
   * @param origin the annotated interface, the generated files' originating element
   * @param iface the interface's type
   * @param generated the decorator's type
   * @param cacheName the cache's name
   * @param l1 the L1 backend's class
   * @param l2 the L2 backend's class
   * @param version the cache's version
   * @param defaults the interface-level policies
   * @param sync how invalidations reach other instances' L1
   * @param deprecation the interface's deprecation, which the decorator carries over
   * @param methods every method of the interface, in the order of {@link InterfaceMethods}
   */
  record Decorator(
      TypeElement origin,
      TypeRef.Declared iface,
      TypeRef.Declared generated,
      String cacheName,
      TypeRef.Declared l1,
      TypeRef.Declared l2,
      int version,
      Policies defaults,
      SyncPolicy sync,
      Deprecation deprecation,
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

  /** Whether and how an element is deprecated. */
  enum Deprecation {
    NONE,
    DEPRECATED,
    FOR_REMOVAL
  }

  /**
   * A method's signature as the decorator implements it (type arguments of superinterfaces bound).
   *
   * @param name its name
   * @param parameters its parameters
   * @param returnType its return type
   * @param thrown its declared exceptions
   * @param varargs whether the last parameter is varargs
   * @param deprecation its deprecation
   * @param declaredParameterTypes its parameter types as declared (not bound), whose erasures a javadoc link to it
   *     names, e.g. {@code find(Object)} for an inherited {@code find(ID)}
   */
  record Signature(
      String name,
      List<Parameter> parameters,
      TypeRef returnType,
      List<TypeRef> thrown,
      boolean varargs,
      Deprecation deprecation,
      List<TypeRef> declaredParameterTypes) {}

  /**
   * A parameter.
   *
   * @param name its name
   * @param type its type
   * @param key how it takes part in the key, {@code null} when it does not
   */
  record Parameter(String name, TypeRef type, KeyPart key) {}

  /** How a method returns its value. */
  enum Shape {
    /** A plain value. */
    SYNC,
    /** {@code Optional<T>}, cached as {@code T} with empty as null. */
    OPTIONAL,
    /** {@code CompletableFuture<T>}. */
    COMPLETABLE_FUTURE,
    /** {@code CompletionStage<T>}. */
    COMPLETION_STAGE,
    /**
     * A Kotlin {@code suspend fun} as kapt's stubs declare it: {@code Object m(..., Continuation<? super T>)}. Its
     * last parameter is the caller's continuation, never part of a key; it returns {@code T}, or Kotlin's marker that
     * it suspended and will resume the continuation later.
     */
    SUSPEND;

    /** Whether the value comes later: the method goes the way of futures, and never blocks the caller's thread. */
    boolean isAsync() {
      return this != SYNC && this != OPTIONAL;
    }

    /** The parameters of {@code s} that the caller passes values in: all but a suspend function's continuation. */
    List<Parameter> arguments(Signature s) {
      List<Parameter> all = s.parameters();
      return this == SUSPEND ? all.subList(0, all.size() - 1) : all;
    }
  }

  /**
   * The full compile-time type of a cached value, as the runtime's {@code ValueType} describes it: a raw class and
   * the trees of its type arguments, e.g. {@code List} of ({@code User}).
   *
   * @param raw a class or an array class, without type arguments
   */
  record ValueTypeNode(TypeRef raw, List<ValueTypeNode> arguments) {}

  /** A method of the interface. */
  sealed interface Method permits Cached, Invalidating, Bypassed, Bulk {
    Signature signature();
  }

  /**
   * A cached method.
   *
   * @param keySpace its name in keys ({@code find}, or {@code find(long)} when overloaded)
   * @param shape how it returns its value
   * @param valueType the cached value's type (boxed, unwrapped from Optional or a future)
   * @param valueTypeNode the same type as the runtime describes it
   * @param policies its policies
   */
  record Cached(
      Signature signature,
      String keySpace,
      Shape shape,
      TypeRef valueType,
      ValueTypeNode valueTypeNode,
      Policies policies)
      implements Method {

    List<Parameter> keyParameters() {
      return signature.parameters().stream().filter(p -> p.key() != null).toList();
    }

    /** Whether another cached method has the same name, so that its key space names its parameter types. */
    boolean overloaded() {
      return !keySpace.equals(signature.name());
    }
  }

  /**
   * A method whose normal return removes entries of cached methods.
   *
   * @param targets the removals, in the order named
   * @param shape how it returns; when it returns a future, the removals follow the future's normal completion
   */
  record Invalidating(Signature signature, List<Target> targets, Shape shape) implements Method {}

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

  /**
   * A {@code @Bulk} method: reads and fills the entries of a single-key cached method for many ids at once.
   *
   * @param target the single-key cached method whose entries it reads and fills, whose policies it follows
   * @param ids the collection its one parameter holds the ids in, and so what its delegate is given
   * @param idType the ids' type: the target's key parameter type, boxed
   * @param shape {@link Shape#SYNC} for a map, or how it returns a future of one
   */
  record Bulk(Signature signature, Cached target, Ids ids, TypeRef idType, Shape shape) implements Method {}

  /** The collection in which a bulk method takes its ids. */
  enum Ids {
    /** {@code Collection<K>}: the delegate is given a {@code List}. */
    COLLECTION,
    /** {@code List<K>}. */
    LIST,
    /** {@code Set<K>}: the delegate is given a {@code LinkedHashSet}, in the order asked. */
    SET
  }
}
