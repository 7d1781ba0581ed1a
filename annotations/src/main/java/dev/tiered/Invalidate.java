package dev.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * After the delegate returns normally, removes entries of the named cached methods from both tiers. The key is
 * built from this method's parameters that have the same names as the target's key parameters.
 *
 * <pre>{@code
 * User find(long id);
 *
 * @Invalidate("find")
 * void rename(long id, String name);
 *
 * @Invalidate(value = "find", all = true)
 * void reloadAll();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Invalidate {

  /** The names of the cached methods whose entries this method removes. */
  String[] value();

  /** Removes every entry of the named methods instead of the one for this call's arguments. */
  boolean all() default false;
}
