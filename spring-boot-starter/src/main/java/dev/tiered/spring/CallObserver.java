package dev.tiered.spring;

/**
 * Sees every call that a served bean's proxy sends to its decorator, around it; the meters time them. An interface
 * of the starter's core, so that the proxy never loads Micrometer's classes when the application has none.
 */
interface CallObserver {

  /** One call of the decorator. */
  @FunctionalInterface
  interface Call {
    Object proceed() throws Throwable;
  }

  /**
   * Makes {@code call} and returns what it returns, or throws what it throws.
   *
   * @param cache the cache's name
   * @param method the interface method's name
   */
  Object observe(String cache, String method, Call call) throws Throwable;
}
