package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.JdkClasses.isPlatform;

import com.esotericsoftware.kryo.KryoException;
import dev.tiered.runtime.ValueType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a value is of its declared type, type arguments included: the elements of collections, the keys and values
 * of maps, the contents of an {@code Optional}, the components of arrays, and the fields and record components of
 * classes outside the JDK, each against the type that the declared type gives it (through the type variables that
 * the value's classes bind). Kryo reads every element as an {@code Object}, so a {@code List<String>} decodes as
 * well as a {@code List<Tag>} would; this is what tells them apart.
 *
 * <p>The check walks the value after decoding rather than during it because Kryo's own collection and map
 * serializers read their elements without knowing what type the element stands for; the walk uses an explicit
 * stack, so its depth costs no thread stack whatever the value's nesting. What it learns about a class under a
 * declared type (a {@link Plan}) is worked out once and kept, and a position whose declared type is final and
 * holds nothing generic (a {@code String}, a record of plain fields) costs one {@code isInstance} check.
 *
 * <p>Thread-safe: plans are made under the lock and read without it.
 */
final class TypeCheck {
  private final Node root;
  /** The node of each declared type met so far; guarded by {@code this}. */
  private final Map<ValueType, Node> nodes = new HashMap<>();
  /** The nodes whose simplicity is being worked out, to cut the cycles of recursive types; guarded by {@code this}. */
  private final Set<Node> deciding = new HashSet<>();

  TypeCheck(ValueType type) {
    synchronized (this) {
      this.root = node(type);
    }
  }

  /**
   * Checks that {@code value}, already known to be an instance of the declared type's class, is of that type.
   *
   * @throws KryoException naming the first part of the value that is not of the type declared for it
   */
  void check(Object value) {
    if (root.simple) {
      return;
    }
    ArrayDeque<Part> parts = new ArrayDeque<>();
    parts.push(new Part(value, root, 1));
    while (!parts.isEmpty()) {
      Part part = parts.pop();
      Object v = part.value;
      Plan plan = plan(part.node, v.getClass());
      switch (plan.kind) {
        case ELEMENTS:
          for (Object element : (Iterable<?>) v) {
            visit(element, plan.first, part, parts);
          }
          break;
        case ENTRIES:
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
            visit(entry.getKey(), plan.first, part, parts);
            visit(entry.getValue(), plan.second, part, parts);
          }
          break;
        case OPTIONAL:
          visit(((Optional<?>) v).orElse(null), plan.first, part, parts);
          break;
        case ARRAY:
          for (Object element : (Object[]) v) {
            visit(element, plan.first, part, parts);
          }
          break;
        case FIELDS:
          for (int i = 0; i < plan.fields.length; i++) {
            visit(read(plan.fields[i], v), plan.fieldNodes[i], part, parts);
          }
          break;
        case MISMATCH:
          throw new KryoException("found a " + v.getClass().getName() + " where a " + part.node.type
              + " is expected: " + plan.reason);
        default:
          break;
      }
    }
  }

  /**
   * Checks a part of {@code parent} against its node, and queues it when what it holds needs checking too. The
   * depth bound stops a cyclic value (which only an encode can meet: decoded values are trees).
   */
  private static void visit(Object value, Node node, Part parent, ArrayDeque<Part> parts) {
    if (value == null) {
      return;
    }
    if (!node.boxed.isInstance(value)) {
      throw new KryoException("found a " + value.getClass().getName() + " where a " + node.type + " is expected");
    }
    if (!node.simple) {
      if (parent.depth >= KryoSetup.MAX_DEPTH) {
        throw new KryoException("the value nests deeper than " + KryoSetup.MAX_DEPTH + " levels (max depth)");
      }
      parts.push(new Part(value, node, parent.depth + 1));
    }
  }

  private static Object read(Field field, Object object) {
    try {
      return field.get(object);
    } catch (IllegalAccessException e) {
      throw new KryoException("cannot read field " + field.getName() + " of " + object.getClass().getName(), e);
    }
  }

  private Plan plan(Node node, Class<?> actual) {
    Plan last = node.last;
    if (last != null && last.actual == actual) {
      return last;
    }
    Plan plan = node.plans.get(actual);
    if (plan == null) {
      plan = makePlan(node, actual);
    }
    node.last = plan;
    return plan;
  }

  private synchronized Plan makePlan(Node node, Class<?> actual) {
    Plan plan = node.plans.get(actual);
    if (plan == null) {
      plan = newPlan(node.type, actual);
      node.plans.put(actual, plan);
    }
    return plan;
  }

  /** The node of {@code type}, made with its simplicity decided. Called holding the lock. */
  private Node node(ValueType type) {
    Node node = nodes.get(type);
    if (node == null) {
      node = new Node(type);
      nodes.put(type, node);
      node.simple = isSimple(node);
    }
    return node;
  }

  /**
   * Whether an instance of the node's class is of the node's type as it stands: a primitive or enum, or a final
   * class whose plan checks nothing. Called holding the lock; a node met again while it is being decided (a
   * recursive type) counts as not simple, which only costs a look at its plan.
   */
  private boolean isSimple(Node node) {
    Class<?> raw = node.type.raw();
    if (raw.isPrimitive() || raw.isEnum()) {
      return true;
    }
    if (!Modifier.isFinal(raw.getModifiers()) || !deciding.add(node)) {
      return false;
    }
    try {
      return makePlan(node, raw).kind == Kind.LEAF;
    } finally {
      deciding.remove(node);
    }
  }

  /** What to check in an instance of {@code actual} that stands for {@code declared}. Called holding the lock. */
  private Plan newPlan(ValueType declared, Class<?> actual) {
    if (actual.isArray()) {
      if (actual.getComponentType().isPrimitive()) {
        return Plan.leaf(actual);
      }
      // The array's own class guarantees its component class; a generic component comes from the declared type.
      ValueType component = declared.raw().isArray() && !declared.arguments().isEmpty()
          ? GenericTypes.componentOf(declared)
          : ValueType.of(actual.getComponentType());
      Node node = node(component);
      return node.simple ? Plan.leaf(actual) : new Plan(actual, Kind.ARRAY, node, null);
    }
    if (Enum.class.isAssignableFrom(actual)) {
      return Plan.leaf(actual); // written by name: an enum's fields are not part of the value
    }
    Map<TypeVariable<?>, ValueType> bindings = GenericTypes.bind(actual, declared);
    if (bindings == null) {
      return Plan.mismatch(actual, "it binds the type arguments of " + declared.raw().getName() + " to other types");
    }
    if (Collection.class.isAssignableFrom(actual)) {
      return new Plan(actual, Kind.ELEMENTS, argument(Collection.class, actual, bindings, 0), null);
    } else if (Map.class.isAssignableFrom(actual)) {
      return new Plan(actual, Kind.ENTRIES,
          argument(Map.class, actual, bindings, 0), argument(Map.class, actual, bindings, 1));
    } else if (actual == Optional.class) {
      return new Plan(actual, Kind.OPTIONAL, argument(Optional.class, actual, bindings, 0), null);
    } else if (isPlatform(actual.getName())) {
      return Plan.leaf(actual);
    }
    return fieldsPlan(actual, bindings);
  }

  private Node argument(Class<?> target, Class<?> actual, Map<TypeVariable<?>, ValueType> bindings, int index) {
    return node(GenericTypes.argumentsOf(target, actual, bindings).get(index));
  }

  /** The fields of a class outside the JDK (superclasses' included) whose declared types need a look inside. */
  private Plan fieldsPlan(Class<?> actual, Map<TypeVariable<?>, ValueType> bindings) {
    List<Field> fields = new ArrayList<>();
    List<Node> fieldNodes = new ArrayList<>();
    Map<TypeVariable<?>, ValueType> classBindings = bindings;
    for (Class<?> k = actual; k != null && !isPlatform(k.getName()); k = k.getSuperclass()) {
      for (Field field : k.getDeclaredFields()) {
        if (ObjectSerializer.isSerialized(field)) {
          // The field's class is checked (by decoding, or by the JVM on the way in); what a type variable stands
          // for, and what the value holds inside, remain.
          Node node = node(GenericTypes.resolve(field.getGenericType(), classBindings));
          if (!node.simple || !node.boxed.isAssignableFrom(JdkClasses.box(field.getType()))) {
            field.setAccessible(true);
            fields.add(field);
            fieldNodes.add(node);
          }
        }
      }
      classBindings = GenericTypes.bindingsOfSupertype(k.getGenericSuperclass(), classBindings);
    }
    return fields.isEmpty()
        ? Plan.leaf(actual)
        : new Plan(actual, fields.toArray(new Field[0]), fieldNodes.toArray(new Node[0]));
  }

  /** A part of the value still to check, the type declared for it, and how deep in the value it is. */
  private static final class Part {
    final Object value;
    final Node node;
    final int depth;

    Part(Object value, Node node, int depth) {
      this.value = value;
      this.node = node;
      this.depth = depth;
    }
  }

  /** A declared type at some position of a value, with the plans of the classes met there. */
  static final class Node {
    final ValueType type;
    final Class<?> boxed;
    /** Whether an instance of {@link #boxed} is of {@link #type} without further checks. */
    volatile boolean simple;
    final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();
    /** The plan used last: a position usually holds one class, whose plan is then read without a map look-up. */
    volatile Plan last;

    Node(ValueType type) {
      this.type = type;
      this.boxed = JdkClasses.box(type.raw());
    }
  }

  enum Kind {
    LEAF,
    ELEMENTS,
    ENTRIES,
    OPTIONAL,
    ARRAY,
    FIELDS,
    MISMATCH
  }

  /** What to check in an instance of one class standing for one declared type. */
  static final class Plan {
    final Class<?> actual;
    final Kind kind;
    /** The element, key, content or component type. */
    final Node first;
    /** The value type of a map. */
    final Node second;
    final Field[] fields;
    final Node[] fieldNodes;
    final String reason;

    Plan(Class<?> actual, Kind kind, Node first, Node second) {
      this(actual, kind, first, second, null, null, null);
    }

    Plan(Class<?> actual, Field[] fields, Node[] fieldNodes) {
      this(actual, Kind.FIELDS, null, null, fields, fieldNodes, null);
    }

    private Plan(Class<?> actual, Kind kind, Node first, Node second, Field[] fields, Node[] fieldNodes,
        String reason) {
      this.actual = actual;
      this.kind = kind;
      this.first = first;
      this.second = second;
      this.fields = fields;
      this.fieldNodes = fieldNodes;
      this.reason = reason;
    }

    static Plan leaf(Class<?> actual) {
      return new Plan(actual, Kind.LEAF, null, null);
    }

    static Plan mismatch(Class<?> actual, String reason) {
      return new Plan(actual, Kind.MISMATCH, null, null, null, null, reason);
    }
  }
}
