package dev.tiered.processor;

import com.palantir.javapoet.NameAllocator;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Decorator;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Shape;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every name the generated code invents, chosen with JavaPoet's {@link NameAllocator}s so that none clashes with a
 * name the interface uses: any method or parameter name a Java interface may use ({@code value}, {@code key},
 * {@code delegate}, ...) compiles and works.
 *
 * <ul>
 *   <li>Fields: each cached method's cache is named after the method ({@code find}, or {@code findLong} for an
 *       overload) unless another field took that name first; the delegate's field gives way to them.
 *   <li>Helper methods ({@code loadFind}, {@code findFromL2}, {@code refreshFind}, {@code loadFindAll} for a bulk
 *       method) avoid every method name of the interface; key classes ({@code FindKey}) avoid each other and the
 *       decorator's own nested and outer names.
 *   <li>Locals, lambda parameters and the parameters of generated methods come from a {@link Locals} per method,
 *       seeded with the interface's method names, the fields and that method's parameters; a field that one of the
 *       user's parameters shadows is referred to as {@code this.field}.
 * </ul>
 */
final class GeneratedNames {
  private final Map<Cached, String> fields = new IdentityHashMap<>();
  private final Map<Cached, String> keyClasses = new IdentityHashMap<>();
  private final Map<Cached, String> loaders = new IdentityHashMap<>();
  private final Map<Cached, String> fromL2 = new IdentityHashMap<>();
  private final Map<Cached, String> refreshes = new IdentityHashMap<>();
  private final Map<Bulk, String> bulkLoaders = new IdentityHashMap<>();
  private final Map<Cached, String> suspendCounterparts = new IdentityHashMap<>();
  private final Map<Bulk, String> bulkCounterparts = new IdentityHashMap<>();
  private final String delegate;
  private final Set<String> methodNames = new LinkedHashSet<>();
  private final Set<String> parameterNames = new LinkedHashSet<>();

  GeneratedNames(Decorator model) {
    for (Method method : model.methods()) {
      methodNames.add(method.signature().name());
      method.signature().parameters().forEach(p -> parameterNames.add(p.name()));
    }
    NameAllocator fieldNames = new NameAllocator();
    NameAllocator helperNames = seeded(methodNames);
    helperNames.newName("builder");
    helperNames.newName("stats");
    NameAllocator typeNames = new NameAllocator();
    typeNames.newName("Builder");
    typeNames.newName(model.generated().simpleName());
    typeNames.newName(model.iface().simpleNames().get(0));
    for (Cached c : model.cached()) {
      fields.put(c, fieldNames.newName(stem(c)));
    }
    delegate = fieldNames.newName("delegate");
    for (Cached c : model.cached()) {
      keyClasses.put(c, typeNames.newName(capitalize(stem(c)) + "Key"));
      loaders.put(c, helperNames.newName("load" + capitalize(stem(c))));
      if (MethodBodyWriter.readsL2Apart(c)) {
        fromL2.put(c, helperNames.newName(stem(c) + "FromL2"));
      }
      if (MethodBodyWriter.refreshesApart(c)) {
        refreshes.put(c, helperNames.newName("refresh" + capitalize(stem(c))));
      }
      if (c.shape() == Shape.SUSPEND) {
        suspendCounterparts.put(c, helperNames.newName(stem(c) + "Async"));
      }
    }
    for (Method method : model.methods()) {
      if (method instanceof Bulk b) {
        bulkLoaders.put(b, helperNames.newName("load" + capitalize(b.signature().name())));
        if (b.shape() == Shape.SUSPEND) {
          bulkCounterparts.put(b, helperNames.newName(b.signature().name() + "Async"));
        }
      }
    }
  }

  /** The stem of the names generated for {@code c}: its name, followed by its parameter types when overloaded. */
  private static String stem(Cached c) {
    if (!c.overloaded()) {
      return c.signature().name();
    }
    return c.signature().name() + c.shape().arguments(c.signature()).stream()
        .map(p -> capitalize(TypeNames.erasedSimple(p.type()).replace("[]", "Array").replaceAll("[^A-Za-z0-9]", "")))
        .collect(Collectors.joining());
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static NameAllocator seeded(Set<String> names) {
    NameAllocator allocator = new NameAllocator();
    names.forEach(allocator::newName);
    return allocator;
  }

  /** The field of the delegate. */
  String delegate() {
    return delegate;
  }

  /** The field of {@code c}'s {@code MethodCache}. */
  String field(Cached c) {
    return fields.get(c);
  }

  String keyClass(Cached c) {
    return keyClasses.get(c);
  }

  /** The helper that calls the delegate for {@code c} and writes the result. */
  String loader(Cached c) {
    return loaders.get(c);
  }

  /** The helper that serves a call of {@code c} after L1 missed ({@link MethodBodyWriter#fromL2}). */
  String fromL2(Cached c) {
    return fromL2.get(c);
  }

  /** The helper that refreshes a stale L1 hit of {@code c} ({@link MethodBodyWriter#refresh}). */
  String refresh(Cached c) {
    return refreshes.get(c);
  }

  /** The helper that calls the delegate for bulk method {@code b} and writes what it returns. */
  String loader(Bulk b) {
    return bulkLoaders.get(b);
  }

  /** The helper whose future the suspend function {@code c} awaits. */
  String suspendCounterpart(Cached c) {
    return suspendCounterparts.get(c);
  }

  /** The helper whose future the bulk suspend function {@code b} awaits. */
  String suspendCounterpart(Bulk b) {
    return bulkCounterparts.get(b);
  }

  /**
   * The classes that generated code must write with their packages: those it calls static members of whose simple
   * name the interface also gives a method (hence a field) or a parameter, which would hide the class.
   */
  String[] hiddenClasses() {
    Set<String> names = new LinkedHashSet<>(methodNames);
    names.addAll(parameterNames);
    names.retainAll(RuntimeApi.STATIC_RECEIVERS);
    return names.toArray(String[]::new);
  }

  /** The names of a generated method that declares the user's {@code parameters}. */
  Locals locals(List<Parameter> parameters) {
    return localsOf(parameters.stream().map(Parameter::name).toList());
  }

  /** The names of a generated method whose parameters are named {@code parameters}. */
  Locals localsOf(List<String> parameters) {
    Set<String> taken = new LinkedHashSet<>(methodNames);
    taken.add(delegate);
    taken.addAll(fields.values());
    return new Locals(taken, parameters);
  }

  /** The names of a key class's members, whose only other names are its fields, the key parameters. */
  static Locals keyClassLocals(List<String> keyFields) {
    return new Locals(Set.of(), keyFields);
  }

  /** Local names of one generated method, never clashing with the names in scope there. */
  static final class Locals {
    private final NameAllocator allocator = new NameAllocator();
    private final Set<String> parameters;
    private final Map<String, String> shared = new HashMap<>();

    /**
     * @param taken the names in scope besides the parameters: interface methods and fields
     * @param parameters the parameters of the method, which keep their names
     */
    private Locals(Set<String> taken, List<String> parameters) {
      this.parameters = new LinkedHashSet<>(parameters);
      this.parameters.forEach(p -> allocator.newName(p, p));
      taken.stream().filter(name -> !this.parameters.contains(name)).forEach(allocator::newName);
    }

    /** A new local (or lambda or generated parameter) name, {@code suggestion} unless that is taken. */
    String local(String suggestion) {
      return allocator.newName(suggestion);
    }

    /**
     * The one name for {@code suggestion} in this method, the same at every call: for a variable of the same role
     * in sibling scopes, such as the loop variables of two collections at the same depth.
     */
    String shared(String suggestion) {
      return shared.computeIfAbsent(suggestion, allocator::newName);
    }

    /** A reference to {@code field}, qualified when a parameter of this method shadows it. */
    String field(String field) {
      return parameters.contains(field) ? "this." + field : field;
    }
  }
}
