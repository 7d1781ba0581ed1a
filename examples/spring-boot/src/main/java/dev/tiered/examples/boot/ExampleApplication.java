package dev.tiered.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Run it, then: {@code curl localhost:8080/prices/B-1001} twice, and {@code curl localhost:8080/actuator/health}. */
@SpringBootApplication
public class ExampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
