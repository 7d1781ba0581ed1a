package dev.tiered.spring;

import dev.tiered.runtime.TieredCache;
import dev.tiered.spring.DecoratorFactory.Served;
import dev.tiered.spring.TieredDecorators.Decorated;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.target.SingletonTargetSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Serves every bean that implements a {@code @Tiered} interface through its generated decorator, as the same bean:
 * no second bean of the interface, no {@code @Primary}.
 *
 * <p>Design note. A generated decorator is {@code final}, and Boot proxies by subclassing, so the decorator cannot
 * be the target of the application's aspects. This post-processor therefore runs right after the auto-proxy creator
 * (which has the highest precedence) and replaces what it made with one proxy of the bean:
 *
 * <ul>
 *   <li>its target is the bean itself, so the bean stays injectable by its own class (the proxy subclasses it,
 *       unless the class is final: then the proxy implements its interfaces only);
 *   <li>its advice is the application's advice that the auto-proxy creator chose for the bean (aspects, {@code
 *       Transactional}, {@code Timed}), then, innermost, a {@link DecoratorInterceptor} that sends the interface's
 *       methods to the decorator; so aspects see every call, cached or not, as they would without the cache;
 *   <li>it also implements {@link TieredCache}, so {@code ((TieredCache) service).stats()} works through it.
 * </ul>
 *
 * <p>The decorator's delegate is the bean itself, so a miss calls the bean directly, not the proxy. Decorators are
 * closed with their bean.
 */
final class TieredBeanPostProcessor
    implements SmartInstantiationAwareBeanPostProcessor, DestructionAwareBeanPostProcessor, BeanFactoryAware, Ordered {
  private static final Logger LOGGER = System.getLogger("dev.tiered.spring");

  private final TieredDecorators decorators = new TieredDecorators();
  /** Raw beans whose proxy was handed out early, to break a circular reference; by bean name. */
  private final Map<String, Object> early = new ConcurrentHashMap<>();
  private ConfigurableListableBeanFactory beanFactory;
  private TieredWiring wiring;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
  }

  /** Right after the auto-proxy creator ({@link Ordered#HIGHEST_PRECEDENCE}), before other post-processors. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }

  TieredDecorators decorators() {
    return decorators;
  }

  @Override
  public Object getEarlyBeanReference(Object bean, String beanName) {
    Object served = serve(bean, beanName);
    if (served != bean) {
      early.put(beanName, bean);
    }
    return served;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
    if (early.remove(beanName) != null) {
      return bean; // the auto-proxy creator also returns the raw bean here; Spring then hands out the early proxy
    }
    return serve(bean, beanName);
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    return true; // cheap: which beans were served is known by name only in postProcessBeforeDestruction
  }

  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) {
    Decorated decorated = decorators.remove(beanName);
    if (decorated != null) {
      decorated.cache().close();
    }
  }

  private Object serve(Object bean, String beanName) {
    if (bean instanceof TieredCache || beanName == null || decorators.serves(beanName)) {
      return bean;
    }
    Object target = bean;
    List<Advisor> advisors = List.of();
    Advised advised = null;
    if (bean instanceof Advised a && a.getTargetSource() instanceof SingletonTargetSource source) {
      advised = a;
      target = source.getTarget();
      advisors = List.of(a.getAdvisors());
    }
    if (target instanceof TieredCache) {
      return bean; // an application's own decorator bean, perhaps advised: it is the cache already
    }
    Class<?> type = ClassUtils.getUserClass(target);
    List<Served> served = DecoratorFactory.servedBy(type);
    if (served.isEmpty()) {
      return bean;
    }
    if (served.size() > 1) {
      throw new IllegalStateException("Bean '" + beanName + "' (" + type.getName() + ") implements several @Tiered"
          + " interfaces " + served.stream().map(s -> s.serviceInterface().getSimpleName()).toList()
          + "; Tiered serves one per bean. Split it into one bean per interface.");
    }
    return proxy(beanName, target, type, served.get(0), advised, advisors);
  }

  private Object proxy(
      String beanName, Object target, Class<?> type, Served served, Advised advised, List<Advisor> advisors) {
    TieredWiring.Built built = wiring().build(served, target, beanName);
    TieredCache cache = built.cache();
    Decorated decorated = new Decorated(decorators.uniqueName(cache.cacheName(), beanName), beanName,
        served.serviceInterface(), cache, built.l1(), built.l2());

    ProxyFactory factory = new ProxyFactory();
    if (advised != null) {
      factory.setExposeProxy(advised.isExposeProxy()); // as the auto-proxy creator set it
      factory.setPreFiltered(advised.isPreFiltered());
    }
    factory.setTargetSource(new SingletonTargetSource(target));
    factory.setInterfaces(ClassUtils.getAllInterfacesForClass(type, type.getClassLoader()));
    factory.addInterface(TieredCache.class);
    advisors.forEach(factory::addAdvisor);
    factory.addAdvisor(new DefaultPointcutAdvisor(
        new DecoratorInterceptor(served.serviceInterface(), cache, wiring().observer())));
    // Subclass the bean, so that it stays injectable by its own class; a final class can only be proxied by interface.
    factory.setProxyTargetClass(!Modifier.isFinal(type.getModifiers()));
    Object proxy = factory.getProxy(type.getClassLoader());

    decorators.add(decorated);
    wiring().dependOnTiers(beanName);
    LOGGER.log(Level.DEBUG, () -> "Tiered: bean '" + beanName + "' is served through " + served.decorator().getName());
    return proxy;
  }

  private TieredWiring wiring() {
    if (wiring == null) {
      wiring = beanFactory.getBean(TieredWiring.class);
    }
    return wiring;
  }
}
