package dev.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides, for one method, the durations and policies set on {@link Tiered}. An attribute that is not written
 * here inherits the interface's value; the defaults shown below only apply when written explicitly.
 *
 * <pre>{@code
 * @Cached(ttl = "30s", read = ReadPolicy.RACE)
 * Price price(String sku);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cached {

  /** How long an entry of this method lives; unset inherits {@link Tiered#ttl}. */
  String ttl() default "";

  /** How long an entry of this method lives in L1; unset inherits {@link Tiered#l1Ttl}. */
  String l1Ttl() default "";

  /** When an entry of this method becomes stale; unset inherits {@link Tiered#stale}. */
  String stale() default "";

  /** The read policy of this method; unset inherits {@link Tiered#read}. */
  ReadPolicy read() default ReadPolicy.SEQUENTIAL;

  /** The write policy of this method; unset inherits {@link Tiered#write}. */
  WritePolicy write() default WritePolicy.OPTIMISTIC_PARALLEL;

  /** The refill policy of this method; unset inherits {@link Tiered#refill}. */
  RefillPolicy refill() default RefillPolicy.ALWAYS;

  /** Whether this method caches {@code null} results; unset inherits {@link Tiered#cacheNulls}. */
  boolean cacheNulls() default false;
}
