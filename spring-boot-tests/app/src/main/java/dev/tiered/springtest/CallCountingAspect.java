package dev.tiered.springtest;

import java.util.concurrent.atomic.AtomicInteger;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.stereotype.Component;

/** An application aspect on the cached interface: it must keep working, and see every call. */
@Aspect
@Component
public class CallCountingAspect {
  private final AtomicInteger calls = new AtomicInteger();

  @Around("execution(* dev.tiered.springtest.ProductService.*(..))")
  public Object count(ProceedingJoinPoint call) throws Throwable {
    calls.incrementAndGet();
    return call.proceed();
  }

  /** Calls of the interface's methods seen so far. */
  public int calls() {
    return calls.get();
  }
}
