package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.TRAP_INITIALISED;
import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.rename;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.TestValues.Animal;
import dev.tiered.runtime.kryo.TestValues.Circle;
import dev.tiered.runtime.kryo.TestValues.Collar;
import dev.tiered.runtime.kryo.TestValues.Customer;
import dev.tiered.runtime.kryo.TestValues.Dog;
import dev.tiered.runtime.kryo.TestValues.Evil;
import dev.tiered.runtime.kryo.TestValues.Item;
import dev.tiered.runtime.kryo.TestValues.Order;
import dev.tiered.runtime.kryo.TestValues.Shape;
import dev.tiered.runtime.kryo.TestValues.Status;
import dev.tiered.runtime.kryo.TestValues.Zoo;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The security boundary: decoding instantiates only the classes that the declared type reaches. */
class TypePolicyTest {
  /**
   * Classes that published deserialization exploits chain through (JDK and popular libraries, whether or not they
   * are on this class path), arrays of them, and malformed names.
   */
  private static final List<String> HOSTILE_NAMES = List.of(
      "java.lang.Runtime", "java.lang.ProcessBuilder", "java.lang.Class", "java.lang.ClassLoader", "java.lang.Thread",
      "java.lang.reflect.Proxy", "java.lang.invoke.MethodHandle", "java.io.File",
      "java.io.FileOutputStream", "java.net.URL", "java.net.URI", "java.net.InetAddress", "java.util.PriorityQueue",
      "java.util.Hashtable", "java.util.Properties", "java.util.Vector", "java.util.Comparator",
      "java.util.concurrent.ConcurrentHashMap", "java.util.logging.FileHandler", "java.rmi.MarshalledObject",
      "java.rmi.server.UnicastRemoteObject", "javax.management.BadAttributeValueExpException",
      "javax.naming.InitialContext", "javax.script.ScriptEngineManager", "jdk.jshell.JShell", "sun.misc.Unsafe",
      "sun.rmi.server.UnicastRef", "com.sun.rowset.JdbcRowSetImpl",
      "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "com.sun.jndi.rmi.registry.ReferenceWrapper",
      "com.esotericsoftware.kryo.Kryo", "org.apache.commons.collections.functors.InvokerTransformer",
      "org.apache.commons.collections4.functors.InstantiateTransformer", "org.codehaus.groovy.runtime.MethodClosure",
      "org.springframework.beans.factory.ObjectFactory", "com.mchange.v2.c3p0.WrapperConnectionPoolDataSource",
      "org.hibernate.engine.spi.TypedValue", "clojure.core$comp", "bsh.XThis",
      "[Ljava.lang.ProcessBuilder;", "[[Ljava.lang.Runtime;", "[Lorg.apache.commons.collections.Transformer;",
      "", " ", "[", "[[", "[L;", "[Ljava.lang.String", "[Q", "Ljava.lang.String;", "java.lang.String[]",
      "java.lang.String ", "java/lang/String", "java.lang.Strin", "java.lang.StringBuilder",
      TestValues.class.getName(), TypePolicyTest.class.getName());

  /** Declared types of every kind: closed, open, JDK, generic, and {@code Object} itself. */
  private static final List<ValueType> DECLARED = List.of(
      type(Order.class), type(Customer.class), type(Animal.class), type(Zoo.class), type(Object.class),
      type(List.class, type(Object.class)), type(Map.class, type(String.class), type(Shape.class)),
      type(Order[].class), type(AbstractAnimal.class));

  /** Set when {@link Sleeper}'s static initialiser runs; read here so that reading it does not initialise it. */
  static final AtomicBoolean SLEEPER_INITIALISED = new AtomicBoolean();
  /** Set when {@link Stranger}'s static initialiser runs. */
  static final AtomicBoolean STRANGER_INITIALISED = new AtomicBoolean();

  /** A legitimate implementation of an open type, with a static initialiser that must not run on resolving it. */
  static final class Sleeper implements Animal {
    static {
      SLEEPER_INITIALISED.set(true);
    }

    @Override
    public String name() {
      return "zzz";
    }
  }

  /** Outside every declared type's reach, with a static initialiser that must not run on refusing it. */
  static final class Stranger {
    static {
      STRANGER_INITIALISED.set(true);
    }
  }

  abstract static class AbstractAnimal implements Animal {}

  static final class Cat extends AbstractAnimal {
    @Override
    public String name() {
      return "cat";
    }
  }

  interface Pet extends Animal {}

  /** A user collection: JDK types are never open, so it is allowed only where it is declared. */
  static final class Orders extends ArrayList<Order> {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void hostileAndMalformedNamesAreRefusedWhateverTheDeclaredType() {
    for (ValueType declared : DECLARED) {
      TypePolicy policy = new TypePolicy(declared);
      for (String name : HOSTILE_NAMES) {
        KryoException e = assertThrows(KryoException.class, () -> policy.resolve(name),
            () -> "'" + name + "' was resolved under " + declared);
        assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
      }
    }
  }

  @Test
  void hostileClassesAreNotAllowedToBeWrittenEither() throws Exception {
    List<Class<?>> hostile = List.of(Runtime.class, ProcessBuilder.class, Class.class, Thread.class,
        java.io.File.class, java.net.URL.class, java.util.PriorityQueue.class, java.util.Hashtable.class,
        java.lang.reflect.Proxy.class, Stranger.class, Evil.class, ProcessBuilder[].class);
    for (ValueType declared : DECLARED) {
      TypePolicy policy = new TypePolicy(declared);
      for (Class<?> c : hostile) {
        assertFalse(policy.allows(c), () -> c.getName() + " is allowed under " + declared);
      }
    }
    assertFalse(STRANGER_INITIALISED.get());
  }

  @Test
  void theDeclaredTypeAndWhatItReachesAreAllowedAndNothingElse() {
    TypePolicy policy = new TypePolicy(type(Customer.class));

    for (Class<?> c : List.of(Customer.class, Order.class, Status.class, BigDecimal.class, EnumMap.class,
        String.class, Instant.class, int[].class)) {
      assertSame(c, policy.resolve(c.getName()));
      assertTrue(policy.allows(c), c.getName());
    }
    for (Class<?> c : List.of(Evil.class, Dog.class, Collar.class, Zoo.class, Item.class, Circle.class)) {
      assertThrows(KryoException.class, () -> policy.resolve(c.getName()), c.getName());
      assertFalse(policy.allows(c), c.getName());
    }
  }

  @Test
  void anOpenInterfaceAdmitsConcreteImplementationsTogetherWithWhatTheyReach() {
    TypePolicy policy = new TypePolicy(type(Zoo.class));

    assertThrows(KryoException.class, () -> policy.resolve(Collar.class.getName()),
        "Collar is reachable only through Dog, which is not admitted yet");
    assertSame(Dog.class, policy.resolve(Dog.class.getName()));
    assertSame(Collar.class, policy.resolve(Collar.class.getName()));
    assertSame(Cat.class, policy.resolve(Cat.class.getName()));
  }

  @Test
  void anOpenTypeAdmitsNoInterfaceAbstractClassProxyOrLambda() {
    TypePolicy policy = new TypePolicy(type(Animal.class));
    Animal lambda = () -> "lambda";
    Object proxy = Proxy.newProxyInstance(Animal.class.getClassLoader(), new Class<?>[] {Animal.class},
        (self, method, arguments) -> "proxy");

    for (Class<?> c : List.of(Pet.class, AbstractAnimal.class, proxy.getClass(), lambda.getClass())) {
      assertFalse(policy.allows(c), c.getName());
      assertThrows(KryoException.class, () -> policy.resolve(c.getName()), c.getName());
    }
    assertSame(Cat.class, policy.resolve(Cat.class.getName()));
  }

  @Test
  void anAbstractDeclaredClassAdmitsItsConcreteSubclassesOnly() {
    TypePolicy policy = new TypePolicy(type(AbstractAnimal.class));

    assertSame(Cat.class, policy.resolve(Cat.class.getName()));
    assertThrows(KryoException.class, () -> policy.resolve(Dog.class.getName()), "an Animal, not an AbstractAnimal");
  }

  @Test
  void candidatesAreLoadedWithoutRunningTheirStaticInitialisers() {
    TypePolicy policy = new TypePolicy(type(Animal.class));

    assertSame(Sleeper.class.getName(), policy.resolve(Sleeper.class.getName()).getName());
    assertThrows(KryoException.class, () -> policy.resolve(Stranger.class.getName()));

    assertFalse(SLEEPER_INITIALISED.get(), "an admitted class was initialised by resolving it");
    assertFalse(STRANGER_INITIALISED.get(), "a refused class was initialised by resolving it");
  }

  @Test
  void jdkTypesAreNeverOpenSoTheirUserSubclassesAreAllowedOnlyWhereDeclared() {
    for (ValueType declared : List.of(type(List.class, type(Order.class)), type(Object.class))) {
      TypePolicy policy = new TypePolicy(declared);
      assertThrows(KryoException.class, () -> policy.resolve(Orders.class.getName()), declared.toString());
    }
    TypePolicy orders = new TypePolicy(type(Orders.class));
    assertSame(Orders.class, orders.resolve(Orders.class.getName()));
    assertSame(Order.class, orders.resolve(Order.class.getName()), "a JDK supertype's type argument is reached");
  }

  @Test
  void aJdkClassOutsideTheAllowlistIsAllowedOnlyWhereTheDeclaredTypeNamesIt() {
    assertThrows(KryoException.class, () -> new TypePolicy(type(Order.class)).resolve("java.net.URI"));
    assertSame(URI.class, new TypePolicy(type(List.class, type(URI.class))).resolve("java.net.URI"));
  }

  @Test
  void arraysAreAllowedWhenTheirComponentIs() {
    TypePolicy policy = new TypePolicy(type(Order[].class));

    assertSame(Order[].class, policy.resolve("[L" + Order.class.getName() + ";"));
    assertThrows(KryoException.class, () -> policy.resolve("[L" + Evil.class.getName() + ";"));
  }
  @Test
  void aClassTheTypeDoesNotReachIsRejectedBeforeAnInstanceIsCreated() throws Exception {
    byte[] evil = codec(type(List.class, type(Evil.class)))
        .encode(new Entry<>(List.of(new Evil()), EXPIRES, STALE));
    int instances = Evil.INSTANCES.get();

    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> codec(type(List.class, type(Order.class))).decode(evil));

    assertTrue(e.getMessage().contains(Evil.class.getName() + " is not allowed"), e.getMessage());
    assertEquals(instances, Evil.INSTANCES.get());
  }

  @Test
  void aJdkClassOutsideTheAllowlistIsRejected() throws Exception {
    byte[] uris = codec(type(List.class, type(URI.class)))
        .encode(new Entry<>(List.of(URI.create("http://example.com")), EXPIRES, STALE));

    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> codec(type(List.class, type(String.class))).decode(uris));

    assertTrue(e.getMessage().contains("java.net.URI is not allowed"), e.getMessage());
  }

  @Test
  void aRejectedClassIsNeverInitialised() throws Exception {
    byte[] bytes = codec(type(Order.class)).encode(new Entry<>(new Order(1, "x", BigDecimal.ONE, Status.OPEN), 1, 1));
    byte[] trapped = rename(bytes, "$Order", "$Trap1");

    assertThrows(CorruptEntryException.class, () -> codec(type(Order.class)).decode(trapped));
    assertFalse(TRAP_INITIALISED.get(), "the class named in the bytes was initialised");
  }

  @Test
  void encodingAValueHoldingAClassTheTypeDoesNotAllowFails() {
    ValueCodec<List<Object>> codec = codec(type(List.class, type(Order.class)));
    List<Object> value = List.of(new Order(1, "x", BigDecimal.ONE, Status.OPEN), new Evil());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Entry<>(value, EXPIRES, STALE)));

    assertTrue(e.getMessage().contains(Evil.class.getName() + " is not allowed"), e.getMessage());
  }

  record Ids(long[] ids) {}

  @Test
  void anArrayIsAllowedOnlyWhereTheDeclaredTypeHasRoomForIt() {
    for (ValueType declared : List.of(type(List.class, type(Order.class)), type(Order.class),
        type(Order[].class), type(Customer.class))) {
      TypePolicy policy = new TypePolicy(declared);
      for (String name : List.of("[J", "[D", "[B", "[[I", "[Ljava.lang.String;", "[[L" + Order.class.getName() + ";")) {
        assertThrows(KryoException.class, () -> policy.resolve(name), () -> name + " under " + declared);
      }
      assertFalse(policy.allows(long[].class), declared.toString());
    }
    assertSame(long[].class, new TypePolicy(type(Ids.class)).resolve("[J"));
    assertSame(int[].class, new TypePolicy(type(Customer.class)).resolve("[I"));
    assertSame(String[].class, new TypePolicy(type(Object[].class)).resolve("[Ljava.lang.String;"));
    assertSame(long[].class, new TypePolicy(type(List.class, type(Object.class))).resolve("[J"),
        "an Object may be any array");
  }
}
