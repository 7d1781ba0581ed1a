package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.EnumSet;

/**
 * The gate: Kryo resolves every class name it reads through {@link #getTypeByName} before {@code Class.forName},
 * and this resolver answers from the operation's {@link TypePolicy} or throws; every class written is checked
 * against the same policy, so that bytes the reader would refuse are never produced.
 */
final class SafeClassResolver extends DefaultClassResolver {
  TypePolicy policy;
  /** The class the next class read must be (the value's own, checked before its serializer runs), or null. */
  private Class<?> expectedRoot;

  /** Checks the next class read, the value's own, against {@code expected} (a null value passes, for its caller). */
  void expectRoot(Class<?> expected) {
    this.expectedRoot = expected;
  }

  @Override
  public Registration readClass(Input input) {
    Registration registration = super.readClass(input);
    Class<?> expected = expectedRoot;
    if (expected != null) {
      expectedRoot = null;
      if (registration != null) {
        Guards.checkClass(registration.getType(), expected, null, policy.type);
      }
    }
    return registration;
  }

  @Override
  @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
  public Registration writeClass(Output output, Class type) {
    if (type != null) {
      // Checked before Kryo registers the class, so that a refused class never gets as far as a serializer.
      Class<?> written = writtenClass(type);
      if (!policy.allows(written)) {
        throw new KryoException(written.getName() + " is not allowed in a value of type " + policy.type
            + "; it is neither reachable from that type nor one of the JDK types KryoFormat allows");
      }
    }
    return super.writeClass(output, type);
  }

  /**
   * The class Kryo writes for {@code type} (see Kryo.getRegistration): the enum of a constant with a body, EnumSet
   * for its hidden implementations. Lambdas and proxies stay as they are, and no policy allows them.
   */
  private static Class<?> writtenClass(Class<?> type) {
    if (EnumSet.class.isAssignableFrom(type)) {
      return EnumSet.class;
    }
    Class<?> c = type;
    while (!c.isEnum() && c.getSuperclass() != null && Enum.class.isAssignableFrom(c.getSuperclass())
        && c.getSuperclass() != Enum.class) {
      c = c.getSuperclass();
    }
    return c;
  }

  @Override
  @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
  protected void writeName(Output output, Class type, Registration registration) {
    // Name the class that was checked and that the reader will use, not a hidden subclass of it (Kryo names
    // RegularEnumSet, say, which the reader would have to allow too).
    super.writeName(output, writtenClass(type), registration);
  }

  @Override
  @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
  protected Class getTypeByName(String className) {
    return policy.resolve(className);
  }
}
