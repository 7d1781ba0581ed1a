package dev.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter as part of the cache key. When no parameter of a method is marked, all of them form the key.
 *
 * <pre>{@code
 * CompletableFuture<List<Order>> orders(@Key long userId, RequestContext context);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Key {}
