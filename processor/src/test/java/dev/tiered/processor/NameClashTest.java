package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;
import static dev.tiered.processor.Sources.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.TieredStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decorator never clashes with the interface's names: {@code names/test/Clash.java} uses, as method names and as
 * parameter names, every identifier the generated code itself uses (fields, parameters, locals, lambda parameters,
 * helper methods, nested classes, the classes it names and the runtime methods it calls), for sync and async methods
 * of every read and write policy. Its decorator compiles without a warning and works.
 */
class NameClashTest {
  /** The methods that are not cached, which {@link #everyCachedMethodIsServedFromTheCacheTheSecondTime} skips. */
  private static final Set<String> NOT_CACHED = Set.of(
      "invalidate", "invalidateAll", "invalidateAsync", "invalidateAllAsync", "shareGeneration", "refillL1", "join");

  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Sources.strict().compile(source("names/test/Clash.java"));
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void everyLineFitsIn120Columns() {
    Sources.assertLinesFit("TieredClash.java", text(generated()));
  }

  /** A field keeps its method's name; the decorator's own names give way. */
  @Test
  void generatedNamesGiveWayToTheInterfaces() {
    decorator().contains("private final Clash delegate_;");
    decorator().contains("private final MethodCache<String> delegate;");
    decorator().contains("private final MethodCache<String> value;");
    // String value(String key): the local key gives way to the parameter, the loader to the method loadValue.
    decorator().contains("ValueKey key_ = new ValueKey(value.space(), key);");
    decorator().contains("return value.load(key_, () -> loadValue_(key_, key));");
    // ... and the helper that serves an L1 miss to the method valueFromL2.
    decorator().contains("OutOfLine.callObject(this, key, (self, argument) -> self.valueFromL2_(argument));");
    decorator().contains("private String valueFromL2_(String key) {");
    // ... and the one that refreshes a stale hit to the method refreshValue.
    decorator().contains("OutOfLine.run(() -> refreshValue_(key));");
    decorator().contains("private void refreshValue_(String key) {");
    // String entry(String value): the field value is not hidden by the loader's local value.
    decorator().contains("String value_ = delegate_.entry(value);\n    Entry<String> entry_ = entry.newEntry(value_);");
    // String hit(String hit, String written): the parameter hides the field hit, which the code then qualifies.
    decorator().contains("HitKey key_ = new HitKey(this.hit.space(), hit, written);");
    // A parameter or field named like a class the code calls hides it: the class is written with its package.
    decorator().contains("java.util.Objects.requireNonNull(delegate, \"delegate\")");
    decorator().contains("31 * java.lang.Long.hashCode(Integer) + java.lang.Float.hashCode(Float)");
  }

  @Test
  void everyCachedMethodIsServedFromTheCacheTheSecondTime() throws Exception {
    Running clash = new Running();
    int cached = 0;
    for (Method m : clash.iface.getMethods()) {
      if (NOT_CACHED.contains(m.getName())) {
        continue;
      }
      Object[] args = arguments(m);
      Object first = clash.call(m, args);
      Object second = clash.call(m, args);
      assertEquals(first, second, m.toString());
      assertEquals(1, clash.calls(m), () -> m + " calls the delegate once");
      cached++;
    }
    assertEquals(145, cached, "cached methods");
    assertTrue(clash.stats("value").l1Hits() >= 1, "stats(\"value\") counts the L1 hit");
  }

  @Test
  void invalidatingMethodsRemoveTheEntries() throws Exception {
    Running clash = new Running();
    Method value = clash.iface.getMethod("value", String.class);
    clash.call(value, "k");
    clash.call(clash.iface.getMethod("invalidate", String.class), "k");
    clash.call(value, "k");
    assertEquals(2, clash.calls(value), "value(k) is loaded again after invalidate(k)");

    Method key = clash.iface.getMethod("key", String.class);
    clash.call(key, "e");
    clash.call(clash.iface.getMethod("invalidateAsync", String.class), "e");
    clash.call(key, "e");
    assertEquals(2, clash.calls(key), "key(e) is loaded again after invalidateAsync(e)");
  }

  /**
   * {@code names/test/BulkClash.java} does the same for the code of bulk methods; its decorator compiles without a
   * warning, and each bulk method calls its delegate once for ids it has not loaded before.
   */
  @Test
  void bulkMethodsGiveWayToo() throws Exception {
    Compilation bulk = Sources.strict().compile(source("names/test/BulkClash.java"));
    assertThat(bulk).succeededWithoutWarnings();
    JavaFileObject generated = bulk.generatedSourceFile("test.TieredBulkClash").orElseThrow();
    Sources.assertLinesFit("TieredBulkClash.java", text(generated));
    assertThat(bulk).generatedSourceFile("test.TieredBulkClash").contentsAsUtf8String()
        .contains("dev.tiered.runtime.internal.BulkLoad.start(this.bulk, bulk, BulkKey::new);");
    // A parameter named BulkLoad hides the class, which the code then writes with its package.
    assertThat(bulk).generatedSourceFile("test.TieredBulkClash").contentsAsUtf8String()
        .contains("dev.tiered.runtime.internal.BulkLoad.startAsync(start, BulkLoad, StartKey::new);");

    ClassLoader loader = new CompiledClasses(bulk);
    Class<?> iface = loader.loadClass("test.BulkClash");
    Map<Method, Integer> calls = new ConcurrentHashMap<>();
    InvocationHandler answer = (proxy, method, args) -> {
      calls.merge(method, 1, Integer::sum);
      if (!Map.class.isAssignableFrom(method.getReturnType()) && method.getReturnType() != CompletableFuture.class
          && method.getReturnType() != CompletionStage.class) {
        return answer(method, args);
      }
      Map<Object, Object> values = new HashMap<>();
      for (Object id : (Collection<?>) args[0]) {
        values.put(id, method.getName() + id);
      }
      boolean future = !Map.class.isAssignableFrom(method.getReturnType());
      boolean ofMap = future && ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0]
          instanceof ParameterizedType;
      return future ? CompletableFuture.completedFuture(ofMap ? values : method.getName() + args[0]) : values;
    };
    Object delegate = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, answer);
    Object decorator = loader.loadClass("test.TieredBulkClash")
        .getConstructor(iface, CaffeineBackend.class, CaffeineBackend.class)
        .newInstance(delegate, CaffeineBackend.create(1_000), CaffeineBackend.create(1_000));
    int bulkMethods = 0;
    for (Method m : iface.getMethods()) {
      Type parameter = m.getGenericParameterTypes()[0];
      if (!(parameter instanceof ParameterizedType)) {
        continue;
      }
      Class<?> raw = (Class<?>) ((ParameterizedType) parameter).getRawType();
      // Ids of their own: two bulk methods of one target share its entries.
      long a = 10L * bulkMethods + 1;
      long b = a + 1;
      Object ids = raw == Set.class ? Set.of(a, b) : List.of(a, b);
      Object first = new Running.Call(m, decorator).with(ids);
      Object second = new Running.Call(m, decorator).with(ids);
      assertEquals(Map.of(a, m.getName() + a, b, m.getName() + b), first, m.toString());
      assertEquals(first, second, m.toString());
      assertEquals(1, calls.get(m), () -> m + " calls the delegate once");
      bulkMethods++;
    }
    assertEquals(6, bulkMethods);
  }

  // ------------------------------------------------------------------ running the decorator

  /** The compiled decorator of {@code Clash} over a delegate that answers every call and counts them. */
  private static final class Running {
    final Class<?> iface;
    final Object decorator;
    final Map<Method, Integer> calls = new ConcurrentHashMap<>();

    Running() throws Exception {
      ClassLoader loader = new CompiledClasses(compilation);
      iface = loader.loadClass("test.Clash");
      InvocationHandler answer = (proxy, method, args) -> {
        calls.merge(method, 1, Integer::sum);
        return answer(method, args);
      };
      Object delegate = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, answer);
      decorator = loader.loadClass("test.TieredClash")
          .getConstructor(iface, CaffeineBackend.class, CaffeineBackend.class)
          .newInstance(delegate, CaffeineBackend.create(1_000), CaffeineBackend.create(1_000));
    }

    /** Calls {@code m} on the decorator and waits for its result. */
    Object call(Method m, Object... args) throws Exception {
      return new Call(m, decorator).with(args);
    }

    int calls(Method m) {
      return calls.getOrDefault(m, 0);
    }

    /** A call of {@code m} on {@code decorator}, its result awaited. */
    record Call(Method m, Object decorator) {
      Object with(Object... args) throws Exception {
        Object result = m.invoke(decorator, args);
        return result instanceof CompletionStage<?> stage ? stage.toCompletableFuture().join() : result;
      }
    }

    TieredStats stats(String method) throws Exception {
      return (TieredStats) decorator.getClass().getMethod("stats", String.class).invoke(decorator, method);
    }
  }

  /** What the delegate answers: a value of the method's return type that names the call. */
  private static Object answer(Method m, Object[] args) {
    String text = m.getName() + Arrays.deepToString(args);
    Class<?> type = m.getReturnType();
    if (type == void.class) {
      return null;
    }
    if (type == long.class) {
      return (long) text.length();
    }
    if (type == int.class) {
      return text.length();
    }
    if (type == Optional.class) {
      return Optional.of(text);
    }
    if (type == CompletableFuture.class || type == CompletionStage.class) {
      Type value = ((ParameterizedType) m.getGenericReturnType()).getActualTypeArguments()[0];
      return CompletableFuture.completedFuture(value == Void.class ? null : text);
    }
    return text;
  }

  /** An argument of each parameter type of {@code m}. */
  private static Object[] arguments(Method m) throws Exception {
    Type[] types = m.getGenericParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = sample(types[i]);
    }
    return args;
  }

  private static Object sample(Type type) throws Exception {
    if (type instanceof ParameterizedType p) {
      Type[] arguments = p.getActualTypeArguments();
      return p.getRawType() == List.class
          ? List.of(sample(arguments[0]))
          : Map.of(sample(arguments[0]), sample(arguments[1]));
    }
    Class<?> c = (Class<?>) type;
    if (c.isArray()) {
      Object array = Array.newInstance(c.getComponentType(), 1);
      Array.set(array, 0, sample(c.getComponentType()));
      return array;
    }
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        values[i] = sample(components[i].getGenericType());
      }
      return c.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new))
          .newInstance(values);
    }
    Map<Class<?>, Object> samples = Map.of(
        String.class, "s", long.class, 1L, int.class, 2, float.class, 3f, double.class, 4d);
    return samples.get(c);
  }

  /** Loads the classes the compilation wrote, over the test's class path (the runtime, Caffeine). */
  private static final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) {
      super(NameClashTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        String path = file.toUri().getPath();
        if (file.getKind() == JavaFileObject.Kind.CLASS && path.contains("/CLASS_OUTPUT/")) {
          String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length())
              .replace(".class", "")
              .replace('/', '.');
          try (InputStream in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static JavaFileObject generated() {
    assertThat(compilation).succeeded();
    return compilation.generatedSourceFile("test.TieredClash").orElseThrow();
  }

  private static StringSubject decorator() {
    assertThat(compilation).succeeded();
    return assertThat(compilation).generatedSourceFile("test.TieredClash").contentsAsUtf8String();
  }
}
