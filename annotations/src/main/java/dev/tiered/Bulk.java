package dev.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bulk method that reads and fills the entries of a single-key cached method: ids held by a tier are answered
 * from it, and the delegate's bulk method is called once with exactly the ids that no tier held.
 *
 * <pre>{@code
 * User find(long id);
 * @Bulk("find") Map<Long, User> findAll(Collection<Long> ids);
 * }</pre>
 *
 * <p>The shape is {@code Map<K, V> m(C ids)}, or a {@code CompletionStage} of that map, where {@code C} is a {@code
 * Collection}, {@code Set} or {@code List} of {@code K}, {@code K} is the single-key method's one key parameter type
 * and {@code V} its value type; anything else is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Bulk {
  /** The name of the single-key cached method whose entries this method reads and fills. */
  String value();
}
