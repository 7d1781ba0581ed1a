package dev.tiered.spring;

import dev.tiered.runtime.TieredCache;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * The innermost advice of a served bean's proxy: a call of a method of the {@code @Tiered} interface, or of {@link
 * TieredCache}, goes to the decorator (which calls the bean on a miss); any other method goes on to the bean. So the
 * application's own advice (aspects, {@code @Transactional}, {@code @Timed}), which sits outside this one, sees every
 * call, cached or not, as it would without the cache.
 */
final class DecoratorInterceptor implements MethodInterceptor {
  private final Class<?> serviceInterface;
  private final TieredCache decorator;
  private final CallObserver observer;
  /** The decorator's method for each method the proxy was called with; empty for methods the bean handles. */
  private final Map<Method, Optional<Method>> routes = new ConcurrentHashMap<>();

  /** @param observer sees each call of the interface's methods; may be null */
  DecoratorInterceptor(Class<?> serviceInterface, TieredCache decorator, CallObserver observer) {
    this.serviceInterface = serviceInterface;
    this.decorator = decorator;
    this.observer = observer;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Optional<Method> route = routes.computeIfAbsent(invocation.getMethod(), this::route);
    if (route.isEmpty()) {
      return invocation.proceed();
    }
    Method target = route.get();
    if (observer == null || target.getDeclaringClass() == TieredCache.class) {
      return call(target, invocation.getArguments());
    }
    return observer.observe(decorator.cacheName(), target.getName(), () -> call(target, invocation.getArguments()));
  }

  private Object call(Method target, Object[] arguments) throws Throwable {
    try {
      return target.invoke(decorator, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause(); // the delegate's own exception, unchanged
    }
  }

  /**
   * The interface method that {@code called} implements: a CGLIB proxy reports the bean class's method, a JDK proxy
   * the interface's.
   */
  private Optional<Method> route(Method called) {
    for (Class<?> type : new Class<?>[] {TieredCache.class, serviceInterface}) {
      try {
        return Optional.of(type.getMethod(called.getName(), called.getParameterTypes()));
      } catch (NoSuchMethodException e) {
        // Not a method of this type.
      }
    }
    return Optional.empty();
  }
}
