package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.JdkClasses.isPlatform;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/** A class outside the JDK: its non-static, non-transient fields, superclasses' included. */
final class ObjectSerializer extends CompatibleSerializer<Object> {
  private final Field[] fields;

  ObjectSerializer(Class<?> type) {
    this(type, fieldsOf(type));
  }

  private ObjectSerializer(Class<?> type, Map<String, Field> fields) {
    super(type, fields.keySet().toArray(new String[0]),
        fields.values().stream().map(Field::getType).toArray(Class<?>[]::new));
    this.fields = fields.values().toArray(new Field[0]);
  }

  private static Map<String, Field> fieldsOf(Class<?> type) {
    if (isPlatform(type.getName())) {
      throw new KryoException(type.getName() + " has no Kryo serializer, so it cannot be stored in a remote tier");
    }
    Map<String, Field> byName = new TreeMap<>();
    for (Class<?> k = type; k != null && !isPlatform(k.getName()); k = k.getSuperclass()) {
      for (Field field : k.getDeclaredFields()) {
        if (isSerialized(field)) {
          field.setAccessible(true);
          // A field hidden by a subclass's field of the same name is told apart by its class.
          String name = byName.containsKey(field.getName()) ? k.getName() + "." + field.getName() : field.getName();
          byName.put(name, field);
        }
      }
    }
    return byName;
  }

  @Override
  Object get(Object object, int index) throws IllegalAccessException {
    return fields[index].get(object);
  }

  @Override
  Object build(Kryo kryo, Object[] values, boolean[] present) throws IllegalAccessException {
    Object object = kryo.newInstance(type);
    for (int i = 0; i < fields.length; i++) {
      if (present[i]) {
        fields[i].set(object, values[i]);
      }
    }
    return object;
  }

  /** Whether a field is written: neither static, transient nor synthetic. The type policy walks the same fields. */
  static boolean isSerialized(Field field) {
    int modifiers = field.getModifiers();
    return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic();
  }
}
